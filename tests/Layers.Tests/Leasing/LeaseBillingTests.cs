using System.Net;
using System.Text.Json;
using Layers.Sandbox;
using Layers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Layers.Tests.Leasing;

/// <summary>Renewals, failed payments, release and token upkeep of leased accounts under a moving clock.</summary>
[Collection(ClockedCollection.Name)]
public sealed class LeaseBillingTests(ClockedApiFixture fixture)
{
    private readonly LeasingDriver _driver = new(fixture.Factory);

    [Fact]
    public async Task ReleasingADayBeforeRenewalChargesNoMoreRefundsNothingAndThePoolAccountCanBeLeasedAgain()
    {
        var (tenant, projectId) = await _driver.NewProjectAsync(100_000);
        var requestId = await _driver.RequestAsync(tenant, projectId, 1);
        var poolAccountId = await _driver.AddPoolAccountAsync();
        var accountId = (await _driver.AssignAsync(requestId, poolAccountId)).GetProperty("assignedSocialAccountIds")[0].GetString()!;
        var renewal = (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}")).GetProperty("nextRenewalAt").GetDateTimeOffset();

        fixture.Clock.SetUtcNow(renewal - TimeSpan.FromDays(1));
        await _driver.Account(accountId).RunUpkeepAsync();
        using (var release = await tenant.Client.DeleteAsync($"/v1/leased-accounts/{accountId}"))
        {
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }

        foreach (var later in new[] { TimeSpan.FromDays(1), TimeSpan.FromDays(1) + TimeSpan.FromHours(1), TimeSpan.FromDays(45) })
        {
            fixture.Clock.SetUtcNow(renewal - TimeSpan.FromDays(1) + later);
            await _driver.Account(accountId).RunUpkeepAsync();
        }

        Assert.Single(await LeasingDriver.ChargesAsync(tenant, accountId));
        Assert.Equal(100_000 - LeasingDriver.Price, await LeasingDriver.BalanceAsync(tenant));
        var released = await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}");
        Assert.Equal("disconnected", released.GetProperty("status").GetString());
        Assert.Equal("released_by_partner", released.GetProperty("disconnectedReason").GetString());
        Assert.Equal(JsonValueKind.Null, released.GetProperty("nextRenewalAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, released.GetProperty("tokenExpiresAt").ValueKind);

        var pool = await _driver.Operator.GetJsonAsync($"/v1/admin/leased-pool/{poolAccountId}");
        Assert.Equal("available", pool.GetProperty("status").GetString());
        var again = await _driver.RequestAsync(tenant, projectId, 1);
        var second = (await _driver.AssignAsync(again, poolAccountId)).GetProperty("assignedSocialAccountIds")[0].GetString()!;
        Assert.NotEqual(accountId, second);
        Assert.Single(await LeasingDriver.ChargesAsync(tenant, second));
        Assert.Equal(100_000 - (2 * LeasingDriver.Price), await LeasingDriver.BalanceAsync(tenant));
        Assert.Equal(2, (await _driver.Operator.GetJsonAsync($"/v1/admin/leased-pool/{poolAccountId}")).GetProperty("timesLeased").GetInt32());
    }

    [Fact]
    public async Task AnUnpaidRenewalFailsIsRetriedDailyAndReleasesTheAccountOnDaySeven()
    {
        var (tenant, projectId) = await _driver.NewProjectAsync(LeasingDriver.Price);
        var requestId = await _driver.RequestAsync(tenant, projectId, 1);
        var poolAccountId = await _driver.AddPoolAccountAsync();
        var accountId = (await _driver.AssignAsync(requestId, poolAccountId)).GetProperty("assignedSocialAccountIds")[0].GetString()!;
        Assert.Equal(0, await LeasingDriver.BalanceAsync(tenant));
        var due = (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}")).GetProperty("nextRenewalAt").GetDateTimeOffset();

        for (var day = 0; day < 7; day++)
        {
            // Several ticks a day (hourly reminders, a doubled delivery) make one attempt a day.
            foreach (var hour in new[] { 0, 0, 5, 23 })
            {
                fixture.Clock.SetUtcNow(due + TimeSpan.FromDays(day) + TimeSpan.FromHours(hour));
                await _driver.Account(accountId).RunUpkeepAsync();
            }

            var account = await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}");
            Assert.NotEqual("disconnected", account.GetProperty("status").GetString());
            Assert.Equal(due, account.GetProperty("nextRenewalAt").GetDateTimeOffset());
        }

        var failures = (await tenant.Client.GetJsonAsync("/v1/events?type=leased_account.renewal_failed&limit=200"))
            .GetProperty("items").EnumerateArray().Select(e => e.GetProperty("data")).Reverse().ToList();
        Assert.Equal(7, failures.Count);
        Assert.Equal(Enumerable.Range(1, 7), failures.Select(f => f.GetProperty("attempt").GetInt32()));
        Assert.All(failures, f =>
        {
            Assert.Equal(accountId, f.GetProperty("socialAccountId").GetString());
            Assert.Equal(due, f.GetProperty("periodStart").GetDateTimeOffset());
            Assert.Equal(due + TimeSpan.FromDays(7), f.GetProperty("releaseAt").GetDateTimeOffset());
        });

        fixture.Clock.SetUtcNow(due + TimeSpan.FromDays(7));
        await _driver.Account(accountId).RunUpkeepAsync();
        await _driver.Account(accountId).RunUpkeepAsync();

        var released = await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}");
        Assert.Equal("disconnected", released.GetProperty("status").GetString());
        Assert.Equal("payment_failed", released.GetProperty("disconnectedReason").GetString());
        Assert.Equal(due + TimeSpan.FromDays(7), released.GetProperty("disconnectedAt").GetDateTimeOffset());
        Assert.Equal("available", (await _driver.Operator.GetJsonAsync($"/v1/admin/leased-pool/{poolAccountId}")).GetProperty("status").GetString());
        Assert.Single(await LeasingDriver.ChargesAsync(tenant, accountId));
        Assert.Equal(0, await LeasingDriver.BalanceAsync(tenant));
        var revoked = (await tenant.Client.GetJsonAsync("/v1/events?type=social_account.revoked")).GetProperty("items").EnumerateArray()
            .Single(e => e.GetProperty("data").GetProperty("socialAccountId").GetString() == accountId);
        Assert.Equal("payment_failed", revoked.GetProperty("data").GetProperty("disconnectedReason").GetString());
        Assert.Equal(7, (await tenant.Client.GetJsonAsync("/v1/events?type=leased_account.renewal_failed")).GetProperty("items").GetArrayLength());

        // Money arriving after the release changes nothing: the lease is over.
        await _driver.CreditAsync(tenant, 100_000);
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await _driver.Account(accountId).RunUpkeepAsync();
        Assert.Single(await LeasingDriver.ChargesAsync(tenant, accountId));
    }

    [Fact]
    public async Task ATopUpDuringTheRetriesRenewsTheDuePeriodOnce()
    {
        var (tenant, projectId) = await _driver.NewProjectAsync(LeasingDriver.Price);
        var accountId = (await _driver.LeaseAsync(tenant, projectId, 1))[0];
        var assignedAt = (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}")).GetProperty("assignedAt").GetDateTimeOffset();
        var due = assignedAt.AddMonths(1);

        fixture.Clock.SetUtcNow(due + TimeSpan.FromMinutes(5));
        await _driver.Account(accountId).RunUpkeepAsync();
        fixture.Clock.SetUtcNow(due + TimeSpan.FromDays(1) + TimeSpan.FromMinutes(5));
        await _driver.Account(accountId).RunUpkeepAsync();
        await _driver.CreditAsync(tenant, LeasingDriver.Price);
        // Within the same day the next attempt is not due yet; the next day it is.
        await _driver.Account(accountId).RunUpkeepAsync();
        Assert.Single(await LeasingDriver.ChargesAsync(tenant, accountId));
        fixture.Clock.SetUtcNow(due + TimeSpan.FromDays(2) + TimeSpan.FromMinutes(5));
        await _driver.Account(accountId).RunUpkeepAsync();
        await _driver.Account(accountId).RunUpkeepAsync();

        var charges = await LeasingDriver.ChargesAsync(tenant, accountId);
        Assert.Equal(2, charges.Count);
        Assert.Equal(due, charges[1].GetProperty("periodStart").GetDateTimeOffset());
        Assert.Equal(assignedAt.AddMonths(2), charges[1].GetProperty("periodEnd").GetDateTimeOffset());
        // Still leased (its placeholder token may need re-authorization, which does not end a lease).
        var account = await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}");
        Assert.NotEqual("disconnected", account.GetProperty("status").GetString());
        Assert.Equal(assignedAt.AddMonths(2), account.GetProperty("nextRenewalAt").GetDateTimeOffset());
        var renewed = (await tenant.Client.GetJsonAsync("/v1/events?type=leased_account.renewed")).GetProperty("items").EnumerateArray()
            .Single(e => e.GetProperty("data").GetProperty("socialAccountId").GetString() == accountId);
        Assert.Equal(due, renewed.GetProperty("data").GetProperty("periodStart").GetDateTimeOffset());
    }

    [Fact]
    public async Task ALateTickChargesEachMissedPeriodOnce()
    {
        var (tenant, projectId) = await _driver.NewProjectAsync(100_000);
        var accountId = (await _driver.LeaseAsync(tenant, projectId, 1))[0];
        var assignedAt = (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}")).GetProperty("assignedAt").GetDateTimeOffset();

        fixture.Clock.SetUtcNow(assignedAt.AddMonths(3) + TimeSpan.FromHours(2));
        await _driver.Account(accountId).RunUpkeepAsync();
        await _driver.Account(accountId).RunUpkeepAsync();

        var charges = await LeasingDriver.ChargesAsync(tenant, accountId);
        Assert.Equal([assignedAt, assignedAt.AddMonths(1), assignedAt.AddMonths(2), assignedAt.AddMonths(3)],
            charges.Select(c => c.GetProperty("periodStart").GetDateTimeOffset()));
        Assert.Equal(100_000 - (4 * LeasingDriver.Price), await LeasingDriver.BalanceAsync(tenant));
        Assert.Equal(assignedAt.AddMonths(4), (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}")).GetProperty("nextRenewalAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task LeasedAccountsRefreshTheirTokensShowInHealthAndHandTheNewestTokensBackToThePool()
    {
        var handle = "warm.leased." + Guid.NewGuid().ToString("N")[..6];
        var (credentials, platformUserId) = await _driver.SandboxCredentialsAsync(handle);
        var poolAccountId = await _driver.AddPoolAccountAsync(credentials: credentials, platformUserId: platformUserId, handle: handle);
        var (tenant, projectId) = await _driver.NewProjectAsync(100_000);
        var first = (await _driver.AssignAsync(await _driver.RequestAsync(tenant, projectId, 1), poolAccountId)).GetProperty("assignedSocialAccountIds")[0].GetString()!;

        await RefreshOnceAsync(tenant, first);
        using (var release = await tenant.Client.DeleteAsync($"/v1/social-accounts/{first}"))
        {
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }

        // The sandbox refuses a refresh token once used: the second lease refreshes only with the rotated one.
        var (other, otherProject) = await _driver.NewProjectAsync(100_000);
        var second = (await _driver.AssignAsync(await _driver.RequestAsync(other, otherProject, 1), poolAccountId)).GetProperty("assignedSocialAccountIds")[0].GetString()!;
        await RefreshOnceAsync(other, second);

        // Every token of that user, in the pool and in both accounts, is stored only encrypted and never logged.
        var tokens = fixture.Factory.Services.GetRequiredService<SandboxState>().For("tiktok").TokensOf(handle);
        Assert.True(tokens.Count >= 6);
        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE payload IS NOT NULL");
        await using var reader = await command.ExecuteReaderAsync();
        var sawPool = false;
        while (await reader.ReadAsync())
        {
            var payload = reader.GetString(0);
            sawPool |= payload.Contains(poolAccountId, StringComparison.Ordinal);
            Assert.DoesNotContain(tokens, token => payload.Contains(token, StringComparison.Ordinal));
        }

        Assert.True(sawPool);
        Assert.DoesNotContain(fixture.Factory.Logs.Lines.ToList(), line => tokens.Any(token => line.Contains(token, StringComparison.Ordinal)));
    }

    private async Task RefreshOnceAsync(TestTenant tenant, string accountId)
    {
        var before = await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}/health");
        Assert.Equal("connected", before.GetProperty("status").GetString());
        var expiry = before.GetProperty("tokenExpiresAt").GetDateTimeOffset();
        Assert.True(expiry > fixture.Clock.GetUtcNow());

        fixture.Clock.SetUtcNow(expiry - TimeSpan.FromMinutes(90));
        await _driver.Account(accountId).RunUpkeepAsync();
        var after = await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}/health");
        Assert.Equal("connected", after.GetProperty("status").GetString());
        Assert.True(after.GetProperty("tokenExpiresAt").GetDateTimeOffset() > expiry, after.GetRawText());
        Assert.Equal(fixture.Clock.GetUtcNow(), after.GetProperty("lastRefreshAt").GetDateTimeOffset());
        Assert.Equal(0, after.GetProperty("consecutiveRefreshFailures").GetInt32());
        var account = await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}");
        Assert.True(account.GetProperty("leased").GetBoolean());
        Assert.Equal(after.GetProperty("tokenExpiresAt").GetDateTimeOffset(), account.GetProperty("tokenExpiresAt").GetDateTimeOffset());
    }
}
