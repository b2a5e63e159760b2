using System.Text.Json;
using System.Text.Json.Nodes;
using Layers.SocialAccounts;
using Layers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Layers.Tests.Publishing;

/// <summary>A revocation interrupted after it was stored, before its posts were canceled: the next tick finishes it.</summary>
public sealed class RevokeRecoveryTests
{
    [Fact]
    public async Task ARevocationCutShortByACrashIsFinishedAndNothingPublishesToTheAccount()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        string apiKey, accountId, projectId;
        List<string> posts;
        var due = DateTimeOffset.UtcNow.AddSeconds(20);
        await using (var before = new LayersFactory(database).Start())
        {
            var tenant = await TestTenant.CreateAsync(before);
            apiKey = tenant.ApiKey;
            var driver = await PublishingDriver.CreateAsync(before, tenant);
            projectId = driver.ProjectId;
            accountId = await driver.ConnectAsync("tiktok", "halfway." + Guid.NewGuid().ToString("N")[..6]);
            var content = await driver.ContentAsync(PublishingDriver.Video);
            posts = await driver.ScheduleAsync(content, due,
                Enumerable.Range(0, 10).Select(_ => (object)new { socialAccountId = accountId }).ToArray());
        }

        // The state a crash leaves between storing the revocation and canceling the posts: the account is
        // disconnected and holds the posts it still has to cancel; the posts are still queued, and so are the queue's
        // records (the crash came before they were removed too).
        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            await using var queue = dataSource.CreateCommand("SELECT scheduled_post_id FROM layers_account_queue WHERE social_account_id = $1");
            queue.Parameters.Add(new NpgsqlParameter { Value = accountId });
            var queued = new JsonArray();
            await using (var rows = await queue.ExecuteReaderAsync())
            {
                while (await rows.ReadAsync())
                {
                    queued.Add(rows.GetString(0));
                }
            }

            Assert.Equal(10, queued.Count);
            await using var read = dataSource.CreateCommand("SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE grain_type = 'socialaccount'");
            var account = JsonNode.Parse((string)(await read.ExecuteScalarAsync())!)!.AsObject();
            Assert.Empty(account["QueuedPostIds"]!.AsArray());
            account["PendingCancellations"] = queued;
            account["Status"] = SocialAccountStatus.Disconnected;
            account["DisconnectedReason"] = "revoked_by_partner";
            account["Tokens"] = null;
            await using var write = dataSource.CreateCommand("UPDATE orleans_grain_state SET payload = convert_to($1, 'UTF8') WHERE grain_type = 'socialaccount'");
            write.Parameters.Add(new NpgsqlParameter { Value = account.ToJsonString() });
            Assert.Equal(1, await write.ExecuteNonQueryAsync());
        }

        await using var after = new LayersFactory(database).Start();
        var client = after.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        // The account's reminder tick, driven here rather than waited for.
        await after.Services.GetRequiredService<IGrainFactory>().GetGrain<ISocialAccountGrain>(accountId).RunUpkeepAsync();

        // The listing is written by the posts themselves here (the crash came before the revoke could mark it), so
        // it shows the tick reached every post.
        var listed = await client.GetJsonAsync($"/v1/projects/{projectId}/scheduled-posts?socialAccountId={accountId}&limit=100");
        Assert.Equal(posts.Order(), listed.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).Order());
        Assert.All(listed.GetProperty("items").EnumerateArray(), p => Assert.Equal("canceled", p.GetProperty("status").GetString()));
        foreach (var id in posts)
        {
            var post = await client.GetJsonAsync($"/v1/scheduled-posts/{id}");
            Assert.Equal("canceled", post.GetProperty("status").GetString());
            Assert.Equal("account_revoked", post.GetProperty("cancelReason").GetString());
        }

        // Past their due time the posts are still canceled: none was handed to the platform.
        var wait = due - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(3);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        foreach (var id in posts)
        {
            var post = await client.GetJsonAsync($"/v1/scheduled-posts/{id}");
            Assert.Equal("canceled", post.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, post.GetProperty("attemptedAt").ValueKind);
        }

        Assert.Equal(0, await QueueRowsAsync(database, accountId));
    }

    [Fact]
    public async Task AQueueKeptInTheAccountsStateByAnEarlierVersionMovesToItsRecordsAndIsRevokedWhole()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        string apiKey, accountId;
        await using (var before = new LayersFactory(database).Start())
        {
            var tenant = await TestTenant.CreateAsync(before);
            apiKey = tenant.ApiKey;
            var driver = await PublishingDriver.CreateAsync(before, tenant);
            accountId = await driver.ConnectAsync("tiktok", "legacy." + Guid.NewGuid().ToString("N")[..6]);
            var content = await driver.ContentAsync(PublishingDriver.Video);
            await driver.ScheduleAsync(content, DateTimeOffset.UtcNow.AddDays(1),
                Enumerable.Range(0, 5).Select(_ => (object)new { socialAccountId = accountId }).ToArray());
        }

        // An account stored the way earlier versions kept it: its queue inside its state, no queue records.
        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            await using var take = dataSource.CreateCommand("DELETE FROM layers_account_queue WHERE social_account_id = $1 RETURNING scheduled_post_id");
            take.Parameters.Add(new NpgsqlParameter { Value = accountId });
            var queued = new JsonArray();
            await using (var rows = await take.ExecuteReaderAsync())
            {
                while (await rows.ReadAsync())
                {
                    queued.Add(rows.GetString(0));
                }
            }

            Assert.Equal(5, queued.Count);
            await using var read = dataSource.CreateCommand("SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE grain_type = 'socialaccount'");
            var account = JsonNode.Parse((string)(await read.ExecuteScalarAsync())!)!.AsObject();
            account["QueuedPostIds"] = queued;
            await using var write = dataSource.CreateCommand("UPDATE orleans_grain_state SET payload = convert_to($1, 'UTF8') WHERE grain_type = 'socialaccount'");
            write.Parameters.Add(new NpgsqlParameter { Value = account.ToJsonString() });
            Assert.Equal(1, await write.ExecuteNonQueryAsync());
        }

        await using var after = new LayersFactory(database).Start();
        var client = after.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        Assert.Equal(5, (await client.GetJsonAsync($"/v1/social-accounts/{accountId}/health")).GetProperty("queuedPosts").GetInt32());
        Assert.Equal(5, await QueueRowsAsync(database, accountId));

        using var revoke = await client.DeleteAsync($"/v1/social-accounts/{accountId}");
        Assert.Equal(5, (await revoke.Json()).GetProperty("canceledScheduledPosts").GetInt32());
        Assert.Equal(0, await QueueRowsAsync(database, accountId));
    }

    private static async Task<long> QueueRowsAsync(string database, string accountId)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM layers_account_queue WHERE social_account_id = $1");
        count.Parameters.Add(new NpgsqlParameter { Value = accountId });
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
