using Microsoft.Extensions.DependencyInjection;
using Layers.Common;
using Layers.Leasing;
using Layers.Projects;
using Layers.Telemetry;

namespace Layers.Organizations;

internal sealed class OrganizationGrain(
    [PersistentState("organization", StorageNames.Layers)] IPersistentState<OrganizationState> state,
    [FromKeyedServices(LayersTime.Key)] TimeProvider time) : Grain, IOrganizationGrain
{
    private OrganizationState S => state.State;

    public async Task<OrganizationInfo> CreateAsync(string name)
    {
        if (!state.RecordExists)
        {
            S.Name = name;
            S.CreatedAt = time.GetUtcNow();
            await state.WriteStateAsync();
        }

        return Info();
    }

    public Task<OrganizationInfo?> GetAsync() => Task.FromResult(state.RecordExists ? Info() : null);

    public async Task AddApiKeyAsync(string apiKeyId)
    {
        EnsureExists();
        if (!S.ApiKeyIds.Contains(apiKeyId))
        {
            S.ApiKeyIds.Add(apiKeyId);
            await state.WriteStateAsync();
        }
    }

    public async Task<ProjectInfo> CreateProjectAsync(ProjectDraft draft)
    {
        EnsureExists();
        var projectId = Guid.NewGuid();
        // The project holds its owner first; a crash before the catalogue write leaves an unlisted, harmless project.
        var project = await GrainFactory.GetGrain<IProjectGrain>(projectId).InitializeAsync(this.GetPrimaryKeyString(), draft);
        S.ProjectIds.Add(projectId);
        await state.WriteStateAsync();
        return project;
    }

    public Task<Page<Guid>> ListProjectIdsAsync(string? cursor, int limit)
    {
        EnsureExists();
        return Task.FromResult(Cursor.PageNewestFirst(S.ProjectIds, cursor, limit));
    }

    public async Task<WalletCredit> CreditWalletAsync(long amountCents, string? note)
    {
        EnsureExists();
        var now = time.GetUtcNow();
        var balance = checked(S.BalanceCents + amountCents);
        var transaction = new WalletTransaction(
            Ids.New("wtx_", time), "credit", amountCents, balance, null, null, null, note, now);
        S.BalanceCents = balance;
        S.Transactions.Add(transaction);
        await state.WriteStateAsync();
        return new WalletCredit(balance, transaction);
    }

    public async Task<LeaseChargeOutcome> ChargeLeasesAsync(IReadOnlyList<LeaseCharge> charges)
    {
        EnsureExists();
        var due = charges.Where(c => !S.LeaseCharges.ContainsKey(c.ChargeId)).DistinctBy(c => c.ChargeId).ToList();
        var required = due.Sum(c => c.AmountCents);
        if (required > S.BalanceCents)
        {
            LayersMetrics.LeaseChargesRefused(due.Count);
            return new LeaseChargeOutcome(false, S.BalanceCents, required, []);
        }

        if (due.Count > 0)
        {
            var now = time.GetUtcNow();
            var balance = S.BalanceCents;
            foreach (var charge in due)
            {
                balance -= charge.AmountCents;
                var transaction = new WalletTransaction(
                    Ids.New("wtx_", time), "lease_charge", -charge.AmountCents, balance, charge.SocialAccountId,
                    charge.PeriodStart, charge.PeriodEnd, charge.Note, now);
                S.Transactions.Add(transaction);
                S.LeaseCharges[charge.ChargeId] = transaction.Id;
            }

            S.BalanceCents = balance;
            await state.WriteStateAsync();
            LayersMetrics.LeaseCharged(due.Count, required);
        }

        return new LeaseChargeOutcome(true, S.BalanceCents, required, [.. charges.Select(c => S.LeaseCharges[c.ChargeId])]);
    }

    public Task<Page<WalletTransaction>> ListTransactionsAsync(string? cursor, int limit)
    {
        EnsureExists();
        return Task.FromResult(Cursor.PageNewestFirst(S.Transactions, cursor, limit));
    }

    private OrganizationInfo Info() => new(this.GetPrimaryKeyString(), S.Name!, S.CreatedAt, S.BalanceCents);

    private void EnsureExists()
    {
        if (!state.RecordExists)
        {
            throw LayersException.NotFound("organization");
        }
    }
}
