using Layers.Tests.Infrastructure;
using Npgsql;

namespace Layers.Tests.SocialAccounts;

/// <summary>A project's account views are records of their own, read back when the project activates.</summary>
public sealed class AccountViewStoreTests
{
    [Fact]
    public async Task AccountViewsAreRecordsOfTheirOwnAndSurviveARestart()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        string apiKey, projectId, kept, moved;
        await using (var before = new LayersFactory(database).Start())
        {
            var tenant = await TestTenant.CreateAsync(before);
            apiKey = tenant.ApiKey;
            var driver = await PublishingDriver.CreateAsync(before, tenant);
            projectId = driver.ProjectId;
            kept = await driver.ConnectAsync("tiktok", "kept." + Guid.NewGuid().ToString("N")[..6]);
            moved = await driver.ConnectAsync("instagram", "moved." + Guid.NewGuid().ToString("N")[..6]);
        }

        await using var after = new LayersFactory(database).Start();
        var client = after.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var listed = await client.GetJsonAsync($"/v1/projects/{projectId}/social-accounts");
        Assert.Equal(
            new[] { moved, kept },
            listed.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("socialAccountId").GetString()!).ToArray());
        Assert.Equal("instagram", listed.GetProperty("items")[0].GetProperty("platform").GetString());
        Assert.Equal("connected", listed.GetProperty("items")[1].GetProperty("status").GetString());

        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            await using var rows = dataSource.CreateCommand("SELECT count(*) FROM layers_account_views");
            Assert.Equal(2L, await rows.ExecuteScalarAsync());
        }
    }
}
