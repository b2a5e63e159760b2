using System.Globalization;
using System.Net.Http.Headers;
using Layers.Leasing;
using Layers.Organizations;
using Layers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Layers.Tests.Leasing;

/// <summary>
/// Thirteen months of renewals on a database and clock of their own, with the service restarted half-way, every
/// tick delivered twice, and one charge that reached the wallet before its account could record it.
/// </summary>
public sealed class LeaseYearTests
{
    private static readonly DateTimeOffset January31 = new(2027, 1, 31, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset February15 = new(2027, 2, 15, 17, 5, 0, TimeSpan.Zero);

    [Fact]
    public async Task EachAccountIsChargedThirteenTimesInThirteenMonthsOnItsDayAcrossARestartAndDoubledTicks()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var clock = new FakeTimeProvider(January31);
        var service = new LayersFactory(database, clock: clock).Start();
        TestTenant tenant;
        string january, february;
        try
        {
            var driver = new LeasingDriver(service);
            string projectId;
            (tenant, projectId) = await driver.NewProjectAsync(1_000_000);
            january = (await driver.LeaseAsync(tenant, projectId, 1))[0];
            clock.SetUtcNow(February15);
            february = (await driver.LeaseAsync(tenant, projectId, 1))[0];

            await LiveThroughAsync(service, clock, [january, february], new DateTimeOffset(2027, 7, 15, 0, 0, 0, TimeSpan.Zero));
        }
        finally
        {
            await service.DisposeAsync();
        }

        service = new LayersFactory(database, clock: clock).Start();
        try
        {
            tenant = Reconnect(service, tenant);
            // As if the account had charged October and crashed before it could record that: the wallet already has it.
            var october = new DateTimeOffset(2027, 10, 31, 9, 30, 0, TimeSpan.Zero);
            var early = await Grains(service).GetGrain<IOrganizationGrain>(tenant.OrganizationId).ChargeLeasesAsync(
                [new LeaseCharge(BillingPeriods.ChargeId(january, october), january, october, october.AddMonths(1), LeasingDriver.Price, "Leased account renewal")]);
            Assert.True(early.Paid);

            await LiveThroughAsync(service, clock, [january, february], new DateTimeOffset(2028, 2, 27, 0, 0, 0, TimeSpan.Zero));

            Assert.Equal(
                Dates(January31, "2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31", "2027-06-30", "2027-07-31", "2027-08-31",
                    "2027-09-30", "2027-10-31", "2027-11-30", "2027-12-31", "2028-01-31"),
                await PeriodStartsAsync(tenant, january));
            Assert.Equal(
                Dates(February15, "2027-02-15", "2027-03-15", "2027-04-15", "2027-05-15", "2027-06-15", "2027-07-15", "2027-08-15", "2027-09-15",
                    "2027-10-15", "2027-11-15", "2027-12-15", "2028-01-15", "2028-02-15"),
                await PeriodStartsAsync(tenant, february));
            Assert.Equal(1_000_000 - (26 * LeasingDriver.Price), await LeasingDriver.BalanceAsync(tenant));

            // Each charge was made on its own due date (the ticks ran late each evening) and covers one month.
            foreach (var charge in (await LeasingDriver.ChargesAsync(tenant, february)).Skip(1))
            {
                var start = charge.GetProperty("periodStart").GetDateTimeOffset();
                Assert.Equal(start.Date, charge.GetProperty("createdAt").GetDateTimeOffset().Date);
                Assert.Equal(start.AddMonths(1), charge.GetProperty("periodEnd").GetDateTimeOffset());
            }

            var account = await tenant.Client.GetJsonAsync($"/v1/social-accounts/{january}");
            Assert.Equal(new DateTimeOffset(2028, 2, 29, 9, 30, 0, TimeSpan.Zero), account.GetProperty("nextRenewalAt").GetDateTimeOffset());
            Assert.Equal(January31, account.GetProperty("assignedAt").GetDateTimeOffset());
            var renewed = (await tenant.Client.GetJsonAsync("/v1/events?type=leased_account.renewed")).GetProperty("items").EnumerateArray()
                .Select(e => (Account: e.GetProperty("data").GetProperty("socialAccountId").GetString(), Start: e.GetProperty("data").GetProperty("periodStart").GetDateTimeOffset()))
                .ToList();
            Assert.Contains((january, new DateTimeOffset(2028, 1, 31, 9, 30, 0, TimeSpan.Zero)), renewed);
            Assert.Contains((february, new DateTimeOffset(2028, 2, 15, 17, 5, 0, TimeSpan.Zero)), renewed);
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    /// <summary>Every day until <paramref name="end"/>, late in the evening, each account's tick arrives twice.</summary>
    private static async Task LiveThroughAsync(LayersFactory service, FakeTimeProvider clock, string[] accounts, DateTimeOffset end)
    {
        var grains = Grains(service);
        for (var day = clock.GetUtcNow().UtcDateTime.Date.AddDays(1); day < end; day = day.AddDays(1))
        {
            clock.SetUtcNow(new DateTimeOffset(day, TimeSpan.Zero) + new TimeSpan(23, 30, 0));
            foreach (var account in accounts)
            {
                var grain = grains.GetGrain<Layers.SocialAccounts.ISocialAccountGrain>(account);
                await Task.WhenAll(grain.RunUpkeepAsync(), grain.RunUpkeepAsync());
            }
        }
    }

    private static IGrainFactory Grains(LayersFactory service) => service.Services.GetRequiredService<IGrainFactory>();

    private static TestTenant Reconnect(LayersFactory service, TestTenant tenant)
    {
        var client = service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.ApiKey);
        return tenant with { Client = client };
    }

    /// <summary>The periods charged, in period order (the ledger itself is in the order the charges were made).</summary>
    private static async Task<List<DateTimeOffset>> PeriodStartsAsync(TestTenant tenant, string accountId) =>
        [.. (await LeasingDriver.ChargesAsync(tenant, accountId)).Select(c => c.GetProperty("periodStart").GetDateTimeOffset()).Order()];

    private static List<DateTimeOffset> Dates(DateTimeOffset timeOfDay, params string[] days) =>
        [.. days.Select(d => new DateTimeOffset(DateTime.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture) + timeOfDay.TimeOfDay, TimeSpan.Zero))];
}
