using Layers.Tests.Infrastructure;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Layers.Tests.SocialAccounts;

/// <summary>A project's account views are records of their own, read back when the project activates.</summary>
public sealed class AccountViewStoreTests
{
    [Fact]
    public async Task AccountViewsAreRecordsOfTheirOwnAndSurviveARestart()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (apiKey, projectId, accounts) = await ConnectThenStopAsync(database, [("tiktok", "kept." + suffix), ("instagram", "moved." + suffix)]);
        var (kept, moved) = (accounts[0], accounts[1]);

        await using var after = new LayersFactory(database).Start();
        var listed = await ClientFor(after, apiKey).GetJsonAsync($"/v1/projects/{projectId}/social-accounts");
        Assert.Equal(new[] { moved, kept }, ListedIds(listed));
        Assert.Equal("instagram", listed.GetProperty("items")[0].GetProperty("platform").GetString());
        Assert.Equal("connected", listed.GetProperty("items")[1].GetProperty("status").GetString());

        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            await using var rows = dataSource.CreateCommand("SELECT count(*) FROM layers_account_views");
            Assert.Equal(2L, await rows.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task AConnectWritesItsOwnRecordAndTheProjectKeepsItsUsersAcrossARestart()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (apiKey, projectId, accounts) = await ConnectThenStopAsync(database, [("tiktok", "first." + suffix), ("instagram", "revoked." + suffix)],
            then: async (client, ids) => (await client.DeleteAsync($"/v1/social-accounts/{ids[1]}")).EnsureSuccessStatusCode());
        var (first, revoked) = (accounts[0], accounts[1]);

        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            // The project's own state names none of its accounts: a connect does not rewrite it.
            var state = await ProjectStateAsync(dataSource);
            Assert.DoesNotContain(first, state);
            Assert.DoesNotContain(revoked, state);
            await using var rows = dataSource.CreateCommand(
                "SELECT social_account_id, joined, user_key FROM layers_account_views ORDER BY joined");
            await using var reader = await rows.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal((first, 0L), (reader.GetString(0), reader.GetInt64(1)));
            Assert.StartsWith("tiktok:", reader.GetString(2));
            Assert.True(await reader.ReadAsync());
            Assert.Equal((revoked, 1L), (reader.GetString(0), reader.GetInt64(1)));
            Assert.False(await reader.ReadAsync());
        }

        await using var after = new LayersFactory(database).Start();
        var again = new PublishingDriver(after, new TestTenant("", "", apiKey, ClientFor(after, apiKey)), projectId);
        // The same user connecting again gets the same account; the revoked one's user gets a new account, listed first.
        Assert.Equal(first, await again.ConnectAsync("tiktok", "first." + suffix));
        var renewed = await again.ConnectAsync("instagram", "revoked." + suffix);
        Assert.NotEqual(revoked, renewed);
        var listed = await again.Tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/social-accounts?status=connected,disconnected");
        Assert.Equal(new[] { renewed, revoked, first }, ListedIds(listed));
    }

    [Fact]
    public async Task AProjectStoredWithItsAccountsInItsStateMovesThemToRecordsOnActivation()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (apiKey, projectId, accounts) = await ConnectThenStopAsync(database,
            [("tiktok", "older." + suffix), ("tiktok", "newer." + suffix), ("instagram", "claimed." + suffix)]);
        var (older, newer, unfinished) = (accounts[0], accounts[1], accounts[2]);

        // As a project was stored before: the order and the users in its state (here the other way round from the
        // connects), the rows without place or user, and one user who claimed an id and never finished connecting.
        const string claimed = "sa_claimedbeforehand";
        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            // The third user's record goes: only the state's claim names them.
            await using var forget = dataSource.CreateCommand("DELETE FROM layers_account_views WHERE social_account_id = $1 RETURNING user_key");
            forget.Parameters.Add(new NpgsqlParameter { Value = unfinished });
            var claimedUser = (string)(await forget.ExecuteScalarAsync())!;
            var state = JsonNode.Parse(await ProjectStateAsync(dataSource))!.AsObject();
            state["AccountIds"] = new JsonArray(newer, older);
            state["ActiveAccountsByUser"] = new JsonObject { [claimedUser] = claimed };
            await using (var write = dataSource.CreateCommand($"UPDATE orleans_grain_state SET payload = convert_to($1, 'UTF8') WHERE {DriversProject}"))
            {
                write.Parameters.Add(new NpgsqlParameter { Value = state.ToJsonString() });
                Assert.Equal(1, await write.ExecuteNonQueryAsync());
            }

            await using var strip = dataSource.CreateCommand("UPDATE layers_account_views SET joined = NULL, user_key = NULL");
            Assert.Equal(2, await strip.ExecuteNonQueryAsync());
        }

        await using var after = new LayersFactory(database).Start();
        var client = ClientFor(after, apiKey);
        var listed = await client.GetJsonAsync($"/v1/projects/{projectId}/social-accounts");
        Assert.Equal(new[] { older, newer }, ListedIds(listed));
        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            Assert.DoesNotContain(newer, await ProjectStateAsync(dataSource));
            await using var rows = dataSource.CreateCommand("SELECT social_account_id FROM layers_account_views ORDER BY joined");
            await using var reader = await rows.ExecuteReaderAsync();
            var order = new List<string>();
            while (await reader.ReadAsync())
            {
                order.Add(reader.GetString(0));
            }

            Assert.Equal(new[] { newer, older, claimed }, order);
        }

        // The claim moved with them: that user's connect finishes under the id it was given.
        var driver2 = new PublishingDriver(after, new TestTenant("", "", apiKey, client), projectId);
        Assert.Equal(claimed, await driver2.ConnectAsync("instagram", "claimed." + suffix));
    }

    /// <summary>
    /// A new tenant's project with these users connected (then <paramref name="then"/>, with the tenant's client and
    /// the accounts), in a service that is stopped before this returns.
    /// </summary>
    private static async Task<(string ApiKey, string ProjectId, string[] Accounts)> ConnectThenStopAsync(
        string database, (string Platform, string Handle)[] users, Func<HttpClient, string[], Task>? then = null)
    {
        await using var before = new LayersFactory(database).Start();
        var tenant = await TestTenant.CreateAsync(before);
        var driver = await PublishingDriver.CreateAsync(before, tenant);
        var accounts = new List<string>();
        foreach (var (platform, handle) in users)
        {
            accounts.Add(await driver.ConnectAsync(platform, handle));
        }

        if (then is not null)
        {
            await then(tenant.Client, [.. accounts]);
        }

        return (tenant.ApiKey, driver.ProjectId, [.. accounts]);
    }

    private static string[] ListedIds(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("socialAccountId").GetString()!)];

    private static HttpClient ClientFor(LayersFactory factory, string apiKey)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>The project's grain state is stored as JSON; the driver's project is the only one named so in its database.</summary>
    private const string DriversProject = "grain_type = 'project' AND convert_from(payload, 'UTF8') LIKE '%\"Name\":\"Publishing\"%'";

    private static async Task<string> ProjectStateAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE {DriversProject}");
        var payloads = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            payloads.Add(reader.GetString(0));
        }

        return Assert.Single(payloads);
    }
}
