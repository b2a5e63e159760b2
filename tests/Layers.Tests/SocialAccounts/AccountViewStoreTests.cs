using System.Text.Json.Nodes;
using Layers.Tests.Infrastructure;
using Npgsql;

namespace Layers.Tests.SocialAccounts;

/// <summary>A project's account views are records of their own, read back when the project activates.</summary>
public sealed class AccountViewStoreTests
{
    [Fact]
    public async Task ViewsSurviveARestartAndViewsKeptInAnOlderProjectStateMoveToTheirRecords()
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

        // One view as a project state written before views had records kept it: inside the state, not in the table.
        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            await using var read = dataSource.CreateCommand("SELECT view::text FROM layers_account_views WHERE social_account_id = $1");
            read.Parameters.Add(new NpgsqlParameter { Value = moved });
            var wire = JsonNode.Parse((string)(await read.ExecuteScalarAsync())!)!.AsObject();
            var legacy = new JsonObject();
            foreach (var (name, value) in wire)
            {
                legacy[char.ToUpperInvariant(name[0]) + name[1..]] = value?.DeepClone();
            }

            await using var state = dataSource.CreateCommand("SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE grain_type = 'project'");
            var project = JsonNode.Parse((string)(await state.ExecuteScalarAsync())!)!.AsObject();
            project["AccountViews"] = new JsonObject { [moved] = legacy };
            await using var write = dataSource.CreateCommand("UPDATE orleans_grain_state SET payload = convert_to($1, 'UTF8') WHERE grain_type = 'project'");
            write.Parameters.Add(new NpgsqlParameter { Value = project.ToJsonString() });
            Assert.Equal(1, await write.ExecuteNonQueryAsync());
            await using var delete = dataSource.CreateCommand("DELETE FROM layers_account_views WHERE social_account_id = $1");
            delete.Parameters.Add(new NpgsqlParameter { Value = moved });
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
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
            await using var state = dataSource.CreateCommand("SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE grain_type = 'project'");
            var project = JsonNode.Parse((string)(await state.ExecuteScalarAsync())!)!.AsObject();
            Assert.Empty(project["AccountViews"]!.AsObject());
        }
    }
}
