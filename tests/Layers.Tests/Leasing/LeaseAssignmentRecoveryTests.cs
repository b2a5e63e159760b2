using System.Text.Json;
using System.Text.Json.Nodes;
using Layers.Leasing;
using Layers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Layers.Tests.Leasing;

/// <summary>
/// An assignment cut short by a crash after its steps ran but before its decision was stored: the request's reminder
/// finishes it, and repeating the steps reserves, charges and creates nothing twice.
/// </summary>
public sealed class LeaseAssignmentRecoveryTests
{
    [Fact]
    public async Task AnAssignmentCutShortBeforeItsDecisionIsFinishedByTheReminderAndChargesEachFirstMonthOnce()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        string apiKey, requestId, projectId;
        List<string> accountIds;
        List<string> poolIds = [];
        await using (var before = new LayersFactory(database).Start())
        {
            var driver = new LeasingDriver(before);
            (var tenant, projectId) = await driver.NewProjectAsync(100_000);
            apiKey = tenant.ApiKey;
            requestId = await driver.RequestAsync(tenant, projectId, 2);
            poolIds.Add(await driver.AddPoolAccountAsync());
            poolIds.Add(await driver.AddPoolAccountAsync());
            var assigned = await driver.AssignAsync(requestId, [.. poolIds]);
            accountIds = [.. assigned.GetProperty("assignedSocialAccountIds").EnumerateArray().Select(a => a.GetString()!)];
        }

        // The state a crash leaves after the pool reservation, the charges and the accounts, before the decision: the
        // request still holds its plan, is undecided, and no lease_request.assigned event was recorded.
        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            await using var read = dataSource.CreateCommand("SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE grain_type = 'leaserequest'");
            var request = JsonNode.Parse((string)(await read.ExecuteScalarAsync())!)!.AsObject();
            var assignedAt = await ScalarAsync(dataSource,
                "SELECT view->>'assignedAt' FROM layers_account_views WHERE social_account_id = $1", accountIds[0]);
            request["Pending"] = new JsonObject
            {
                ["AssignedAt"] = assignedAt,
                ["Leases"] = new JsonArray([.. poolIds.Zip(accountIds).Select(p => (JsonNode)new JsonObject
                {
                    ["PoolAccountId"] = p.First,
                    ["SocialAccountId"] = p.Second,
                    ["MonthlyPriceCents"] = LeasingDriver.Price,
                })]),
            };
            request["Status"] = LeaseRequestStatus.Requested;
            request["DecidedAt"] = null;
            request["AssignedSocialAccountIds"] = new JsonArray();
            // The decision's event would only have been recorded with the decision.
            request["Outbox"] = new JsonArray();
            await using var write = dataSource.CreateCommand("UPDATE orleans_grain_state SET payload = convert_to($1, 'UTF8') WHERE grain_type = 'leaserequest'");
            write.Parameters.Add(new NpgsqlParameter { Value = request.ToJsonString() });
            Assert.Equal(1, await write.ExecuteNonQueryAsync());
            await using var forget = dataSource.CreateCommand("DELETE FROM layers_events WHERE event_type = 'lease_request.assigned'");
            Assert.Equal(1, await forget.ExecuteNonQueryAsync());
        }

        await using var after = new LayersFactory(database).Start();
        var client = after.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var undecided = await client.GetJsonAsync($"/v1/projects/{projectId}/leased-accounts/requests/{requestId}");
        Assert.Equal("requested", undecided.GetProperty("status").GetString());

        // The request's settle reminder, delivered here rather than waited for.
        await after.Services.GetRequiredService<IGrainFactory>().GetGrain<ILeaseRequestGrain>(requestId)
            .AsReference<IRemindable>().ReceiveReminder("settle", default);

        var decided = await client.GetJsonAsync($"/v1/projects/{projectId}/leased-accounts/requests/{requestId}");
        Assert.Equal("assigned", decided.GetProperty("status").GetString());
        Assert.Equal(accountIds, decided.GetProperty("assignedSocialAccountIds").EnumerateArray().Select(a => a.GetString()!));
        var transactions = (await client.GetJsonAsync("/v1/wallet/transactions?limit=200")).GetProperty("items").EnumerateArray().ToList();
        foreach (var id in accountIds)
        {
            Assert.Single(transactions, t => t.GetProperty("type").GetString() == "lease_charge" && t.GetProperty("socialAccountId").GetString() == id);
            var account = await client.GetJsonAsync($"/v1/social-accounts/{id}");
            Assert.True(account.GetProperty("leased").GetBoolean());
            Assert.Equal("connected", account.GetProperty("status").GetString());
        }

        Assert.Equal(100_000 - (2 * LeasingDriver.Price), (await client.GetJsonAsync("/v1/wallet")).GetProperty("balanceCents").GetInt64());
        var events = await client.GetJsonAsync("/v1/events?type=lease_request.assigned");
        Assert.Equal(requestId, Assert.Single(events.GetProperty("items").EnumerateArray()).GetProperty("data").GetProperty("requestId").GetString());
    }

    private static async Task<string> ScalarAsync(NpgsqlDataSource dataSource, string sql, object parameter)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
