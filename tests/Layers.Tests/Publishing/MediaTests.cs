using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Layers.Media;
using Layers.Publishing;
using Layers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Layers.Tests.Publishing;

/// <summary>
/// Media the platforms will accept (API.md §5c): content is read when created and settles completed or failed with its
/// problems; a TikTok post from a partner's own host goes out through the media proxy, whose links lead nowhere once
/// the post has been handed off.
/// </summary>
[Collection(ClockedCollection.Name)]
public sealed class MediaTests(ClockedApiFixture fixture)
{
    [Fact]
    public async Task ContentIsValidatingWhenCreatedAndCompletesWithTheFactsReadFromEachFile()
    {
        var driver = await ArrangeAsync();
        var created = await driver.Tenant.Client.PostJsonAsync($"/v1/projects/{driver.ProjectId}/content", new
        {
            assets = new[] { new { kind = "video", url = "https://cdn.partner.example/a.mp4?durationMs=12500&width=720&height=1280&fps=25&bytes=3000000&moov=end" } },
        });
        Assert.Equal("validating", created.GetProperty("status").GetString());

        var content = await SettledAsync(driver, created.GetProperty("id").GetString()!);
        Assert.Equal("completed", content.GetProperty("status").GetString());
        Assert.Empty(content.GetProperty("assetProblems").EnumerateArray());
        var asset = content.GetProperty("assets")[0];
        Assert.Equal("video/mp4", asset.GetProperty("mimeType").GetString());
        Assert.Equal(3_000_000, asset.GetProperty("bytes").GetInt64());
        Assert.Equal(12_500, asset.GetProperty("durationMs").GetInt64());
        Assert.Equal(720, asset.GetProperty("width").GetInt32());
        Assert.Equal(1280, asset.GetProperty("height").GetInt32());
        Assert.Equal(25, asset.GetProperty("frameRate").GetDouble());
    }

    [Theory]
    [InlineData("video", "https://cdn.partner.example/missing.mp4", "media_unreachable")]
    [InlineData("video", "https://cdn.partner.example/clip.avi", "media_type_not_supported")]
    [InlineData("video", "https://cdn.partner.example/still.jpg", "media_type_not_supported")]
    [InlineData("video", "https://cdn.partner.example/huge.mp4?bytes=5000000000", "media_too_large")]
    [InlineData("video", "https://cdn.partner.example/long.mp4?durationMs=1200000", "duration_out_of_range")]
    [InlineData("video", "https://cdn.partner.example/wide.mp4?width=5000&height=5000", "dimensions_out_of_range")]
    [InlineData("video", "https://cdn.partner.example/fast.mp4?fps=120", "frame_rate_out_of_range")]
    [InlineData("image", "https://cdn.partner.example/p.png", "media_type_not_supported")]
    [InlineData("image", "https://cdn.partner.example/big.jpg?bytes=30000000", "media_too_large")]
    public async Task EachAssetProblemIsReportedAtCreationAndAFailedContainerCannotBeScheduled(string kind, string url, string code)
    {
        var driver = await ArrangeAsync();
        var account = await driver.ConnectAsync("tiktok", NewHandle("bad"));
        var created = await driver.Tenant.Client.PostJsonAsync($"/v1/projects/{driver.ProjectId}/content", new { assets = new[] { new { kind, url } } });

        var content = await SettledAsync(driver, created.GetProperty("id").GetString()!);
        Assert.Equal("failed", content.GetProperty("status").GetString());
        var problem = Assert.Single(content.GetProperty("assetProblems").EnumerateArray());
        Assert.Equal("assets[0]", problem.GetProperty("path").GetString());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("message").GetString()));

        using var schedule = await driver.Tenant.Client.PostAsJsonAsync($"/v1/content/{content.GetProperty("id").GetString()}/schedule",
            new { scheduledFor = fixture.Clock.GetUtcNow().AddHours(1), targets = new[] { new { socialAccountId = account } } });
        var error = await schedule.AssertError(422, "VALIDATION");
        Assert.Contains("assets[0]", error.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProblemOfOnePlatformIsReportedWhenSchedulingToIt()
    {
        var driver = await ArrangeAsync();
        var tiktok = await driver.ConnectAsync("tiktok", NewHandle("webp"));
        var instagram = await driver.ConnectAsync("instagram", NewHandle("webp"));
        var created = await driver.Tenant.Client.PostJsonAsync($"/v1/projects/{driver.ProjectId}/content",
            new { assets = new[] { new { kind = "image", url = "https://cdn.partner.example/photo.webp" } } });
        var content = await SettledAsync(driver, created.GetProperty("id").GetString()!);
        Assert.Equal("completed", content.GetProperty("status").GetString());

        // Instagram takes JPEG only; TikTok takes WebP.
        using var refused = await driver.Tenant.Client.PostAsJsonAsync($"/v1/content/{content.GetProperty("id").GetString()}/schedule",
            new { scheduledFor = fixture.Clock.GetUtcNow().AddHours(1), targets = new[] { new { socialAccountId = instagram } } });
        var error = await refused.AssertError(422, "VALIDATION");
        var issue = Assert.Single(error.GetProperty("details").GetProperty("issues").EnumerateArray());
        Assert.Equal("targets[0]", issue.GetProperty("path").GetString());
        Assert.Contains("image/webp", issue.GetProperty("message").GetString(), StringComparison.Ordinal);

        Assert.Single(await driver.ScheduleAsync(content.GetProperty("id").GetString()!, fixture.Clock.GetUtcNow().AddHours(1), new { socialAccountId = tiktok }));
    }

    [Theory]
    [InlineData("video")]
    [InlineData("image")]
    public async Task ATikTokPostFromAHostNotVerifiedWithTikTokGoesOutThroughTheMediaProxy(string kind)
    {
        var driver = await ArrangeAsync();
        var handle = NewHandle("proxied");
        var account = await driver.ConnectAsync("tiktok", handle);
        var content = await driver.ContentAsync(kind == "video"
            ? new { kind, url = "https://cdn.partner.example/launch.mp4" }
            : new { kind, url = "https://cdn.partner.example/launch.jpg" });

        var id = Assert.Single(await driver.ScheduleAsync(content, fixture.Clock.GetUtcNow(), new { socialAccountId = account }));
        var post = await driver.SettledAsync(id);

        Assert.Equal("published", post.GetProperty("status").GetString());
        var delivered = Assert.Single(await driver.PublishedAtSandboxAsync("tiktok", handle));
        var pulledFrom = delivered.GetProperty("assets")[0].GetProperty("url").GetString()!;
        Assert.StartsWith($"{fixture.Factory.BaseUrl}/media/", pulledFrom, StringComparison.Ordinal);
        Assert.DoesNotContain("partner", pulledFrom, StringComparison.Ordinal);

        // The link was for the hand-off: with the post published it leads nowhere.
        using var after = await fixture.Factory.CreateClient().GetAsync(new Uri(pulledFrom).AbsolutePath);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task ATikTokVideoLongerThanTheCreatorMayPostIsRefusedByTheSandboxOnceItWasPulled()
    {
        var driver = await ArrangeAsync();
        var handle = NewHandle("short");
        var account = await driver.ConnectAsync("tiktok", handle);
        var content = await driver.ContentAsync(new { kind = "video", url = "https://cdn.partner.example/long.mp4?durationMs=90000" });
        var due = fixture.Clock.GetUtcNow().AddMinutes(2);
        var ids = await driver.ScheduleAsync(content, due, new { socialAccountId = account }, new { socialAccountId = account, mode = "draft_to_device" });

        // After scheduling, the creator may post only a minute: TikTok reads the length from the file it pulled.
        using (var shape = await fixture.Factory.CreateClient().PostAsJsonAsync($"/sandbox/tiktok/control/users/{handle}", new { maxVideoPostDurationSec = 60 }))
        {
            shape.EnsureSuccessStatusCode();
        }

        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        var grains = fixture.Factory.Services.GetRequiredService<IGrainFactory>();
        await Task.WhenAll(ids.Select(id => grains.GetGrain<IScheduledPostGrain>(id).RunAsync()));

        var direct = await driver.SettledAsync(ids[0]);
        Assert.Equal("failed", direct.GetProperty("status").GetString());
        Assert.Equal("MEDIA_REJECTED", direct.GetProperty("lastError").GetProperty("code").GetString());
        Assert.Equal("duration_check_failed", direct.GetProperty("lastError").GetProperty("platformCode").GetString());

        // The creator's limit is for direct posts; a draft finished in the app is not held to it.
        Assert.Equal("draft", (await driver.SettledAsync(ids[1])).GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheMediaProxyRefusesForeignAlteredAndExpiredLinks()
    {
        var links = fixture.Factory.Services.GetRequiredService<MediaLinks>();
        var client = fixture.Factory.CreateClient();
        var now = fixture.Clock.GetUtcNow();
        var valid = new Uri(links.For("sp_01JZZZZZZZZZZZZZZZZZZZZZZZ", 0, now)).AbsolutePath;
        var expired = new Uri(links.For("sp_01JZZZZZZZZZZZZZZZZZZZZZZZ", 0, now.AddHours(-3))).AbsolutePath;
        var altered = valid[..^2] + (valid[^2] == 'A' ? "B" : "A") + valid[^1];

        foreach (var path in new[] { "/media/not-a-link", "/media/test1.AAAA", altered, expired, valid })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("NOT_FOUND", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
        }

        Assert.NotNull(links.Read(valid["/media/".Length..], now));
        Assert.Null(links.Read(expired["/media/".Length..], now));
        Assert.Null(links.Read(altered["/media/".Length..], now));
    }

    [Fact]
    public async Task AFetchWaitsWhileAPostInItsSiloIsDueAndNotYetHandedOff()
    {
        var links = fixture.Factory.Services.GetRequiredService<MediaLinks>();
        var priority = fixture.Factory.Services.GetRequiredService<HandOffPriority>();
        var client = fixture.Factory.CreateClient();
        var link = new Uri(links.For("sp_01JZZZZZZZZZZZZZZZZZZZZZZZ", 0, fixture.Clock.GetUtcNow())).AbsolutePath;
        const string held = "sp_01JYYYYYYYYYYYYYYYYYYYYYYY";

        // Unheld, a link to no post is answered at once (and the path is warm for the timing below).
        using (var unheld = await client.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.NotFound, unheld.StatusCode);
        }

        priority.Expect(held, TimeSpan.Zero);
        try
        {
            var fetch = client.GetAsync(link);

            // Held, the answer waits for the post due to go first.
            var first = await Task.WhenAny(fetch, Task.Delay(TimeSpan.FromMilliseconds(500)));
            Assert.NotSame(fetch, first);

            // Handed off, the post holds the fetch no longer (the longest deferral, 5 s, is not what ends the wait).
            priority.HandedOff(held);
            using var response = await fetch.WaitAsync(TimeSpan.FromSeconds(4));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        finally
        {
            priority.Done(held);
        }
    }

    [Fact]
    public async Task MediaOnAPrivateAddressIsNeverFetched()
    {
        var driver = await ArrangeAsync();
        var created = await driver.Tenant.Client.PostJsonAsync($"/v1/projects/{driver.ProjectId}/content",
            new { assets = new[] { new { kind = "video", url = $"{fixture.Factory.BaseUrl.Replace("http:", "https:", StringComparison.Ordinal)}/healthz.mp4" } } });

        var content = await SettledAsync(driver, created.GetProperty("id").GetString()!);
        var problem = Assert.Single(content.GetProperty("assetProblems").EnumerateArray());
        Assert.Equal("media_unreachable", problem.GetProperty("code").GetString());
        Assert.Contains("public internet", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> SettledAsync(PublishingDriver driver, string contentId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var content = await driver.Tenant.Client.GetJsonAsync($"/v1/content/{contentId}");
            if (content.GetProperty("status").GetString() != "validating" || DateTime.UtcNow > deadline)
            {
                return content;
            }

            await Task.Delay(50);
        }
    }

    private static string NewHandle(string prefix) => $"{prefix}.{Guid.NewGuid().ToString("N")[..8]}";

    private async Task<PublishingDriver> ArrangeAsync() =>
        await PublishingDriver.CreateAsync(fixture.Factory, await fixture.NewTenantAsync());
}
