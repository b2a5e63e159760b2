using Layers.Platforms.Instagram;
using Layers.Platforms.TikTok;
using Microsoft.Extensions.DependencyInjection;

namespace Layers.Tests.Platforms;

/// <summary>
/// Thousands of posts due at one instant make thousands of platform calls at once: beyond the clients' concurrency
/// they wait for a turn instead of being refused unsent (which would put every such post off by minutes).
/// </summary>
public sealed class PlatformCallQueueTests(PlatformSandboxFixture sandbox) : IClassFixture<PlatformSandboxFixture>
{
    [Theory]
    [InlineData(TikTokClient.ApiHttpClient)]
    [InlineData(InstagramClient.ApiHttpClient)]
    public async Task MoreCallsAtOnceThanTheClientRunsAllGetThrough(string clientName)
    {
        using var http = sandbox.Factory.Services.GetRequiredService<IHttpClientFactory>().CreateClient(clientName);
        var url = new Uri(new Uri(sandbox.Factory.BaseUrl), "/healthz");

        var answers = await Task.WhenAll(Enumerable.Range(0, 1_500).Select(async _ =>
        {
            using var response = await http.GetAsync(url);
            return response.IsSuccessStatusCode;
        }));

        Assert.All(answers, Assert.True);
    }
}
