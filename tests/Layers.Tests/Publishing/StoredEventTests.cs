using System.Text.Json.Nodes;
using Layers.Tests.Infrastructure;
using Npgsql;

namespace Layers.Tests.Publishing;

/// <summary>
/// A post stores the events it has yet to hand on in its state; one whose data is the post's view in that very state is
/// stored without the copy, and read back whole.
/// </summary>
public sealed class StoredEventTests
{
    [Fact]
    public async Task AnEventStoredWithoutItsCopyOfThePostGoesOutWholeAfterARestart()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database);
        string apiKey, postId, eventId;
        var due = DateTimeOffset.UtcNow.AddDays(3);
        await using (var service = new LayersFactory(database).Start())
        {
            var tenant = await TestTenant.CreateAsync(service);
            var driver = await PublishingDriver.CreateAsync(service, tenant);
            var account = await driver.ConnectAsync("tiktok", $"stored.{Guid.NewGuid().ToString("N")[..6]}");
            var content = await driver.ContentAsync(PublishingDriver.Video);

            // The event log is away: the post is scheduled and its post.scheduled event stays in its stored state.
            await StoredRows.ExecuteAsync(dataSource, "ALTER TABLE layers_events RENAME TO layers_events_away");
            postId = Assert.Single(await driver.ScheduleAsync(content, due, new { socialAccountId = account }));
            await StoredRows.ExecuteAsync(dataSource, "ALTER TABLE layers_events_away RENAME TO layers_events");
            apiKey = tenant.ApiKey;
        }

        await using (var read = dataSource.CreateCommand(
            "SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE grain_type = 'scheduledpost' AND grain_id_extension = $1"))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = postId });
            var state = JsonNode.Parse((string)(await read.ExecuteScalarAsync())!)!.AsObject();
            var stored = Assert.Single(state["Outbox"]!.AsArray())!;
            Assert.Equal("post.scheduled", (string?)stored["Type"]);
            Assert.Equal("", (string?)stored["DataJson"]);
            eventId = (string)stored["Id"]!;
        }

        // Brought back after the restart, the post hands the event on with the post as it was scheduled.
        await using var after = new LayersFactory(database).Start();
        var client = after.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        Assert.Equal("queued", (await client.GetJsonAsync($"/v1/scheduled-posts/{postId}")).GetProperty("status").GetString());
        var scheduled = Assert.Single((await client.GetJsonAsync("/v1/events?type=post.scheduled")).GetProperty("items").EnumerateArray());
        Assert.Equal(eventId, scheduled.GetProperty("id").GetString());
        var data = scheduled.GetProperty("data");
        Assert.Equal(postId, data.GetProperty("id").GetString());
        Assert.Equal("queued", data.GetProperty("status").GetString());
        Assert.Equal(due.ToUnixTimeSeconds(), data.GetProperty("scheduledFor").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal("direct_publish", data.GetProperty("mode").GetString());
    }
}
