using Layers.Common;
using Layers.Leasing;
using Layers.Organizations;
using Layers.Projects;
using Layers.Security;
using Layers.SocialAccounts;

namespace Layers.Tests.Grains;

/// <summary>Exactly-once lease charges on the grain cluster: a renewal due while the silo holding the account is stopped is charged once by the other.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class LeaseChargeInvariantTests(GrainClusterFixture cluster)
{
    [Fact]
    public async Task ARenewalDueWhileTheAccountsSiloIsStoppedIsChargedOnceByTheOther()
    {
        await cluster.EnsureTwoSilosAsync();
        var organization = Ids.New("org_", cluster.Clock);
        var wallet = cluster.Client.GetGrain<IOrganizationGrain>(organization);
        await wallet.CreateAsync("Grain tests");
        var project = (await wallet.CreateProjectAsync(new ProjectDraft("Leasing", "UTC", null))).Id;
        await wallet.CreditWalletAsync(100_000, "top-up");

        // A warmed account in the pool, with tokens the sandbox issued, for a niche of this test alone.
        var niche = new LeaseNiche($"grain-{Guid.NewGuid():N}", null, null, []);
        var handle = $"warm.{Guid.NewGuid().ToString("N")[..8]}";
        var grant = await cluster.TikTokGrantAsync(handle);
        var poolId = Ids.New(LeaseKeys.PoolAccountPrefix, cluster.Clock);
        var sealedCredentials = PoolCredentials.Seal(cluster.Service<ISecretProtector>(), poolId, grant.AccessToken, grant.ExpiresInSeconds,
            grant.RefreshToken!, grant.RefreshExpiresInSeconds ?? 86_400, cluster.Clock.GetUtcNow());
        await cluster.Client.GetGrain<ILeasedPoolGrain>(LeaseKeys.Pool(PlatformNames.TikTok)).AddAsync(new PoolAccountDraft(
            poolId, PlatformNames.TikTok, handle, null, grant.PlatformUserId!, niche, grant.Scopes, sealedCredentials));

        var request = cluster.Client.GetGrain<ILeaseRequestGrain>(Ids.New(LeaseKeys.RequestPrefix, cluster.Clock));
        await request.SubmitAsync(new LeaseRequestDraft(organization, project, 1, niche, null, null));
        await request.AssignAsync([new LeasePick(poolId, null)]);
        var first = Assert.Single(await ChargesAsync(wallet));
        var account = first.SocialAccountId!;

        // The silo holding the account stops; the month passes; the other silo's reminder service renews.
        Assert.True(cluster.Cluster.TryGetGrainContext(cluster.Client.GetGrain<ISocialAccountGrain>(account).GetGrainId(), out var context));
        await cluster.Cluster.StopSiloAsync(cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(context!.Address.SiloAddress)));
        await cluster.EnsureTwoSilosAsync();
        cluster.Clock.Advance(first.PeriodEnd!.Value - cluster.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await cluster.AdvanceUntilAsync(async () => (await ChargesAsync(wallet)).Count >= 2);

        // A few more ticks change nothing: one charge per period.
        cluster.Clock.Advance(TimeSpan.FromMinutes(10));
        await Task.Delay(500);
        var charges = await ChargesAsync(wallet);
        Assert.Equal(2, charges.Count);
        Assert.All(charges, c => Assert.Equal(account, c.SocialAccountId));
        Assert.Equal(first.PeriodEnd, charges.Single(c => c.Id != first.Id).PeriodStart);
    }

    private async Task<List<WalletTransaction>> ChargesAsync(IOrganizationGrain wallet)
    {
        var page = await cluster.RetryAsync(() => wallet.ListTransactionsAsync(null, 100));
        return [.. page.Items.Where(t => t.Type == "lease_charge")];
    }
}
