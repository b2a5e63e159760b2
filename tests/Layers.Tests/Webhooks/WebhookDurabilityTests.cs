using Layers.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Layers.Tests.Webhooks;

/// <summary>Deliveries survive the process: each test runs the service twice, one process after the other, on its own database.</summary>
public sealed class WebhookDurabilityTests
{
    [Fact]
    public async Task AnEventRecordedJustBeforeTheProcessStopsIsDeliveredAfterTheRestart()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // Short wake-ups so the restarted process picks the delivery up within seconds rather than a minute.
        var settings = new Dictionary<string, string?>
        {
            ["Orleans:ReminderMinimumPeriod"] = "00:00:02",
            ["Layers:Webhooks:WakeUpPeriod"] = "00:00:02",
        };
        // The receiver is down while the first process runs, so nothing can be delivered before it stops.
        var receiverPort = FreePorts.Next();
        string apiKey, endpointId, secret, eventId;
        await using (var before = new LayersFactory(database, settings, clock).Start())
        {
            var tenant = await TestTenant.CreateAsync(before, tier: "partner");
            (endpointId, secret) = await new WebhookDriver(before, tenant)
                .CreateEndpointAsync($"http://127.0.0.1:{receiverPort}/restart", ["social_account.connected"]);
            var projectId = (await tenant.Client.PostJsonAsync("/v1/projects", new { name = "Restart" })).GetProperty("id").GetString()!;
            await new OAuthDriver(before, tenant).ConnectAsync(projectId, "tiktok", "restart." + Guid.NewGuid().ToString("N")[..6]);
            eventId = (await tenant.Client.GetJsonAsync("/v1/events")).GetProperty("items")[0].GetProperty("id").GetString()!;
            apiKey = tenant.ApiKey;
        }

        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            Assert.Equal(1L, await CountRemindersAsync(dataSource));
        }

        await using var receiver = await WebhookReceiver.StartAsync(clock, receiverPort);
        receiver.Trust("restart", secret);
        await using var after = new LayersFactory(database, settings, clock).Start();

        // Nothing calls the delivery: its reminder wakes it. The clock moves past whatever retry was set before the stop.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (receiver.On("restart").Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the delivery never resumed after the restart");
            clock.Advance(TimeSpan.FromSeconds(31));
            await Task.Delay(500);
        }

        var received = await receiver.WaitForEventAsync("restart", "social_account.connected");
        Assert.Equal(eventId, received.EventId);
        Assert.Equal([secret], received.VerifiedWith);

        var client = after.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var deliveryId = received.Header("X-Layers-Delivery-Id")!;
        var done = DateTime.UtcNow.AddSeconds(30);
        while ((await client.GetJsonAsync($"/v1/webhook-deliveries/{deliveryId}")).GetProperty("status").GetString() != "delivered")
        {
            Assert.True(DateTime.UtcNow < done, "the delivery never recorded its success");
            await Task.Delay(100);
        }

        var listed = Assert.Single((await client.GetJsonAsync($"/v1/webhook-endpoints/{endpointId}/deliveries")).GetProperty("items").EnumerateArray());
        Assert.Equal(eventId, listed.GetProperty("eventId").GetString());
        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            Assert.Equal(0L, await CountRemindersAsync(dataSource));
        }
    }

    private static async Task<long> CountRemindersAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM orleans_reminders WHERE reminder_name = 'delivery'");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
