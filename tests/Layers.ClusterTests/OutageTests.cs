using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Layers.ClusterTests;

[Collection(ClusterCollection.Name)]
public sealed class OutageTests(ClusterFixture cluster)
{
    [Fact]
    public async Task WhilePostgresIsDownRequestsAnswerUnavailableAndAfterItReturnsNothingAcknowledgedIsLost()
    {
        var key = await cluster.NewApiKeyAsync();
        using var front = ClusterFixture.Client(cluster.Front, key);
        using var silo = ClusterFixture.Client(cluster.Silo1, key);
        var before = (await ClusterFixture.ReadAsync(await front.PostAsJsonAsync("/v1/projects", new { name = "Before the outage" }))).GetProperty("id").GetString();

        await PostgresServer.StopAsync();
        var statuses = new List<HttpStatusCode>();
        var outage = Stopwatch.StartNew();
        try
        {
            while (outage.Elapsed < TimeSpan.FromSeconds(15))
            {
                foreach (var client in new[] { front, silo })
                {
                    var call = Stopwatch.StartNew();
                    using var response = await client.PostAsJsonAsync("/v1/projects", new { name = "During the outage" });
                    Assert.True(call.Elapsed < TimeSpan.FromSeconds(35), $"a request took {call.Elapsed}");
                    statuses.Add(response.StatusCode);
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
                        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable,
                            $"{response.StatusCode}\n--- front ---\n{cluster.Front.RecentOutput}\n--- silo1 ---\n{cluster.Silo1.RecentOutput}");
                        Assert.Equal("UNAVAILABLE", error.GetProperty("code").GetString());
                    }
                }

                await Task.Delay(500);
            }
        }
        finally
        {
            await PostgresServer.StartAsync();
        }

        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);

        // Within 10 s of its return the service writes again.
        var deadline = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var response = await front.PostAsJsonAsync("/v1/projects", new { name = "After the outage" });
            status = response.StatusCode;
            if (status != HttpStatusCode.Created)
            {
                await Task.Delay(250);
            }
        }
        while (status != HttpStatusCode.Created && deadline.Elapsed < TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("Before the outage", (await ClusterFixture.ReadAsync(await silo.GetAsync($"/v1/projects/{before}"))).GetProperty("name").GetString());

        // The service's own tables' connections went stale in their pool too: the first connects after the outage,
        // whose claims and views are written there, go through at the first try.
        var handle = "after.outage." + Guid.NewGuid().ToString("N")[..6];
        foreach (var client in new[] { silo, front })
        {
            var started = await ClusterFixture.ReadAsync(await client.PostAsJsonAsync($"/v1/projects/{before}/social/oauth-url",
                new { platform = "tiktok", returnUrl = "https://app.example.com/done" }));
            using var consent = await client.GetAsync(started.GetProperty("authorizeUrl").GetString() + $"&sandbox_user={handle}&sandbox_decision=approve");
            Assert.Equal(HttpStatusCode.Found, consent.StatusCode);
            using var callback = await client.GetAsync(consent.Headers.Location);
            Assert.True(callback.StatusCode == HttpStatusCode.Found,
                $"{callback.StatusCode}: {await callback.Content.ReadAsStringAsync()}\n--- silo1 ---\n{cluster.Silo1.RecentOutput}");
        }
    }
}
