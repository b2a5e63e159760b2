using Layers.Tests.Infrastructure;

namespace Layers.Tests.Publishing;

[Collection(ApiCollection.Name)]
public sealed class BulkPublishingTests(PostgresApiFixture fixture)
{
    [Fact]
    public async Task AThousandPostsDueAtOneInstantEachReachTheSandboxExactlyOnce()
    {
        var driver = await PublishingDriver.CreateAsync(fixture.Factory, await fixture.NewTenantAsync(tier: "partner"));
        var prefix = "burst" + Guid.NewGuid().ToString("N")[..5];
        // 200 accounts, 5 posts each: within TikTok's 6 inits a minute per account token.
        var accounts = new List<(string Id, string Handle)>();
        foreach (var chunk in Enumerable.Range(0, 200).Select(i => $"{prefix}.{i}").Chunk(16))
        {
            accounts.AddRange(await Task.WhenAll(chunk.Select(async handle => (await driver.ConnectAsync("tiktok", handle), handle))));
        }

        var content = await driver.ContentAsync(PublishingDriver.Video);
        var due = DateTimeOffset.UtcNow.AddSeconds(20);
        var ids = new List<string>();
        for (var batch = 0; batch < 20; batch++)
        {
            // 50 targets a request: every account gets 5 posts due at the same second.
            var targets = Enumerable.Range(0, 50).Select(i => (object)new { socialAccountId = accounts[(batch * 50 + i) % accounts.Count].Id }).ToArray();
            ids.AddRange(await driver.ScheduleAsync(content, due, targets));
        }

        Assert.Equal(1000, ids.Distinct().Count());
        var deadline = DateTime.UtcNow.AddMinutes(3);
        int settled;
        do
        {
            await Task.Delay(1000);
            settled = 0;
            foreach (var status in new[] { "published", "failed", "canceled" })
            {
                settled += await CountAsync(driver, status);
            }

        }
        while (settled < 1000 && DateTime.UtcNow < deadline);

        Assert.Equal(1000, await CountAsync(driver, "published"));
        var deliveries = new List<string>();
        foreach (var (_, handle) in accounts)
        {
            var items = await driver.PublishedAtSandboxAsync("tiktok", handle);
            Assert.Equal(5, items.Count);
            deliveries.AddRange(items.Select(i => i.GetProperty("id").GetString()!));
        }

        Assert.Equal(1000, deliveries.Distinct().Count());
    }

    [Fact]
    public async Task PagingFiveThousandPostsReturnsEachOnceNewestFirst()
    {
        var driver = await PublishingDriver.CreateAsync(fixture.Factory, await fixture.NewTenantAsync(tier: "partner"));
        var prefix = "pager" + Guid.NewGuid().ToString("N")[..5];
        var accounts = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            accounts.Add(await driver.ConnectAsync("instagram", $"{prefix}.{i}"));
        }

        var content = await driver.ContentAsync(PublishingDriver.Video);
        var start = DateTimeOffset.UtcNow.AddDays(10);
        var created = new List<string>();
        for (var batch = 0; batch < 100; batch += 4)
        {
            var requests = Enumerable.Range(batch, 4).Select(b =>
                driver.ScheduleAsync(content, start.AddMinutes(b), accounts.Select(a => (object)new { socialAccountId = a }).ToArray()));
            foreach (var ids in await Task.WhenAll(requests))
            {
                created.AddRange(ids);
            }
        }

        Assert.Equal(5000, created.Count);
        var seen = new List<(string Id, DateTimeOffset At)>();
        string? cursor = null;
        do
        {
            var page = await driver.Tenant.Client.GetJsonAsync($"/v1/projects/{driver.ProjectId}/scheduled-posts?limit=100" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(p => (p.GetProperty("id").GetString()!, p.GetProperty("scheduledFor").GetDateTimeOffset())));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(5000, seen.Count);
        Assert.Equal(created.Order(), seen.Select(s => s.Id).Order());
        Assert.Equal(seen.Select(s => s.At).OrderDescending(), seen.Select(s => s.At));
        Assert.Equal(start.AddMinutes(99).ToUnixTimeSeconds(), seen[0].At.ToUnixTimeSeconds());

        var oneAccount = await driver.Tenant.Client.GetJsonAsync($"/v1/projects/{driver.ProjectId}/scheduled-posts?socialAccountId={accounts[0]}&limit=100");
        Assert.Equal(100, oneAccount.GetProperty("items").GetArrayLength());
        var window = await driver.Tenant.Client.GetJsonAsync(
            $"/v1/projects/{driver.ProjectId}/scheduled-posts?since={Uri.EscapeDataString(start.AddMinutes(10).ToString("O"))}&until={Uri.EscapeDataString(start.AddMinutes(11).ToString("O"))}&limit=100");
        Assert.Equal(50, window.GetProperty("items").GetArrayLength());
    }

    private static async Task<int> CountAsync(PublishingDriver driver, string status)
    {
        var count = 0;
        string? cursor = null;
        do
        {
            var page = await driver.Tenant.Client.GetJsonAsync($"/v1/projects/{driver.ProjectId}/scheduled-posts?status={status}&limit=100" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            count += page.GetProperty("items").GetArrayLength();
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return count;
    }
}
