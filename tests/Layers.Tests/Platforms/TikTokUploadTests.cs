using System.Net.Http.Json;
using Layers.Tests.Infrastructure;

namespace Layers.Tests.Platforms;

/// <summary>
/// TikTok videos by chunked <c>FILE_UPLOAD</c> (<c>Layers:Platforms:TikTok:MediaTransfer = file_upload</c>): the chunk
/// plan follows TikTok's rules, the file is streamed from the partner's URL, and the sandbox checks what it received.
/// </summary>
public sealed class TikTokUploadTests(TikTokUploadFixture fixture) : IClassFixture<TikTokUploadFixture>
{
    [Theory]
    [InlineData(3_000_000, "file_upload:1x3000000")]
    [InlineData(25_000_000, "file_upload:2x10000000")]
    [InlineData(60_000_000, "file_upload:6x10000000")]
    public async Task AVideoIsUploadedInChunksStreamedFromThePartnersUrl(long bytes, string upload)
    {
        var driver = await PublishingDriver.CreateAsync(fixture.Factory, await TestTenant.CreateAsync(fixture.Factory));
        var handle = $"up.{Guid.NewGuid().ToString("N")[..8]}";
        var account = await driver.ConnectAsync("tiktok", handle);
        var content = await driver.ContentAsync(new { kind = "video", url = $"https://cdn.partner.example/big.mp4?bytes={bytes}&moov=end" });

        var id = Assert.Single(await driver.ScheduleAsync(content, DateTimeOffset.UtcNow, new { socialAccountId = account }));
        var post = await driver.SettledAsync(id);

        Assert.True(post.GetProperty("status").GetString() == "published", post.ToString());
        var delivered = Assert.Single(await driver.PublishedAtSandboxAsync("tiktok", handle));
        Assert.Equal(upload, delivered.GetProperty("assets")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task AnUploadedVideoLongerThanTheCreatorMayPostFailsAsTikTokFailsIt()
    {
        var driver = await PublishingDriver.CreateAsync(fixture.Factory, await TestTenant.CreateAsync(fixture.Factory));
        var handle = $"up.{Guid.NewGuid().ToString("N")[..8]}";
        var account = await driver.ConnectAsync("tiktok", handle);
        var content = await driver.ContentAsync(new { kind = "video", url = "https://cdn.partner.example/long.mp4?bytes=8000000&durationMs=90000&moov=end" });
        var id = Assert.Single(await driver.ScheduleAsync(content, DateTimeOffset.UtcNow.AddSeconds(3), new { socialAccountId = account }));

        // After scheduling, the creator may post only a minute: TikTok reads the length from the bytes it received.
        using (var shape = await fixture.Factory.CreateClient().PostAsJsonAsync($"/sandbox/tiktok/control/users/{handle}", new { maxVideoPostDurationSec = 60 }))
        {
            shape.EnsureSuccessStatusCode();
        }

        var post = await driver.SettledAsync(id);
        Assert.True(post.GetProperty("status").GetString() == "failed", post.ToString());
        Assert.Equal("duration_check_failed", post.GetProperty("lastError").GetProperty("platformCode").GetString());
    }
}
