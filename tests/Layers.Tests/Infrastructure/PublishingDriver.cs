using System.Net.Http.Json;
using System.Text.Json;

namespace Layers.Tests.Infrastructure;

/// <summary>Sets up a project with connected accounts and content, and waits for posts to settle.</summary>
public sealed class PublishingDriver(LayersFactory factory, TestTenant tenant, string projectId)
{
    public static readonly object Video = new { kind = "video", url = "https://cdn.example.com/clip.mp4?durationMs=15000", mimeType = "video/mp4", durationMs = 15000 };

    public static object Image(int n) => new { kind = "image", url = $"https://cdn.example.com/photo{n}.jpg", mimeType = "image/jpeg" };

    public string ProjectId => projectId;

    public TestTenant Tenant => tenant;

    public static async Task<PublishingDriver> CreateAsync(LayersFactory factory, TestTenant tenant)
    {
        var project = await tenant.Client.PostJsonAsync("/v1/projects", new { name = "Publishing" });
        return new PublishingDriver(factory, tenant, project.GetProperty("id").GetString()!);
    }

    public async Task<string> ConnectAsync(string platform, string handle)
    {
        var (started, _) = await new OAuthDriver(factory, tenant).ConnectAsync(projectId, platform, handle);
        var status = await tenant.Client.GetJsonAsync($"/v1/social/oauth-status/{started.GetProperty("state").GetString()}");
        return status.GetProperty("socialAccountId").GetString()!;
    }

    public async Task<string> ContentAsync(params object[] assets)
    {
        var content = await tenant.Client.PostJsonAsync($"/v1/projects/{projectId}/content", new { caption = "Launch day #coffee", assets });
        return content.GetProperty("id").GetString()!;
    }

    public async Task<List<string>> ScheduleAsync(string contentId, DateTimeOffset at, params object[] targets)
    {
        var body = await tenant.Client.PostJsonAsync($"/v1/content/{contentId}/schedule", new { scheduledFor = at, targets });
        return [.. body.GetProperty("scheduledPosts").EnumerateArray().Select(p => p.GetProperty("id").GetString()!)];
    }

    /// <summary>Polls a post until it leaves queued/publishing, with a deadline.</summary>
    public async Task<JsonElement> SettledAsync(string postId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var post = await tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{postId}");
            var status = post.GetProperty("status").GetString();
            if (status is not ("queued" or "publishing") || DateTime.UtcNow > deadline)
            {
                return post;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Polls a post until the platform has named it (<c>externalId</c> set), with a deadline.</summary>
    public async Task<JsonElement> NamedAsync(string postId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var post = await tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{postId}");
            if (post.GetProperty("externalId").ValueKind == JsonValueKind.String || DateTime.UtcNow > deadline)
            {
                return post;
            }

            await Task.Delay(200);
        }
    }

    public async Task<List<JsonElement>> PublishedAtSandboxAsync(string platform, string handle)
    {
        var published = await factory.CreateClient().GetJsonAsync($"/sandbox/{platform}/control/published?handle={handle}");
        return [.. published.GetProperty("items").EnumerateArray()];
    }

    public async Task FailNextPublishAsync(string platform, string handle, string code)
    {
        using var response = await factory.CreateClient().PostAsJsonAsync($"/sandbox/{platform}/control/fail-next-publish", new { code, handle });
        response.EnsureSuccessStatusCode();
    }
}
