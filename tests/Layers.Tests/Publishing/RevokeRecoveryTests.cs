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
        var due = DateTimeOffset.UtcNow.AddSeconds(20);
        var (apiKey, accountId, projectId, posts) = await ScheduleOnNewAccountAsync(database, "halfway", 10, due);

        // The state a crash leaves between storing the revocation and canceling the posts: the account is
        // disconnected and holds the posts it still has to cancel; the posts are still queued, and so are the queue's
        // records (the crash came before they were removed too).
        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            var queued = await IdsAsync(dataSource, "SELECT scheduled_post_id FROM layers_account_queue WHERE social_account_id = $1", accountId);
            Assert.Equal(10, queued.Count);
            await RewriteAccountStateAsync(dataSource, account =>
            {
                account["PendingCancellations"] = queued;
                account["Status"] = SocialAccountStatus.Disconnected;
                account["DisconnectedReason"] = "revoked_by_partner";
                account["Tokens"] = null;
            });
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

    /// <summary>A tenant, a TikTok account and <paramref name="count"/> posts queued on it, in a service that then stops.</summary>
    private static async Task<(string ApiKey, string AccountId, string ProjectId, List<string> Posts)> ScheduleOnNewAccountAsync(
        string database, string handlePrefix, int count, DateTimeOffset due)
    {
        await using var service = new LayersFactory(database).Start();
        var tenant = await TestTenant.CreateAsync(service);
        var driver = await PublishingDriver.CreateAsync(service, tenant);
        var accountId = await driver.ConnectAsync("tiktok", $"{handlePrefix}.{Guid.NewGuid().ToString("N")[..6]}");
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var posts = await driver.ScheduleAsync(content, due, Enumerable.Range(0, count).Select(_ => (object)new { socialAccountId = accountId }).ToArray());
        return (tenant.ApiKey, accountId, driver.ProjectId, posts);
    }

    private static async Task<JsonArray> IdsAsync(NpgsqlDataSource dataSource, string sql, string accountId)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = accountId });
        var ids = new JsonArray();
        await using var rows = await command.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            ids.Add(rows.GetString(0));
        }

        return ids;
    }

    /// <summary>Edits the (single) account's stored state as a crash or an earlier version would have left it.</summary>
    private static async Task RewriteAccountStateAsync(NpgsqlDataSource dataSource, Action<JsonObject> change)
    {
        await using var read = dataSource.CreateCommand("SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE grain_type = 'socialaccount'");
        var account = JsonNode.Parse((string)(await read.ExecuteScalarAsync())!)!.AsObject();
        change(account);
        await using var write = dataSource.CreateCommand("UPDATE orleans_grain_state SET payload = convert_to($1, 'UTF8') WHERE grain_type = 'socialaccount'");
        write.Parameters.Add(new NpgsqlParameter { Value = account.ToJsonString() });
        Assert.Equal(1, await write.ExecuteNonQueryAsync());
    }

    private static async Task<long> QueueRowsAsync(string database, string accountId)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM layers_account_queue WHERE social_account_id = $1");
        count.Parameters.Add(new NpgsqlParameter { Value = accountId });
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
