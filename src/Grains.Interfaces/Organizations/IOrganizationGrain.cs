using Layers.Common;
using Layers.Leasing;
using Layers.Projects;

namespace Layers.Organizations;

/// <summary>
/// An organization (<c>org_…</c>): its name, wallet and ledger, and the catalogue of its projects and API keys.
/// </summary>
[Alias("Layers.IOrganizationGrain")]
public interface IOrganizationGrain : IGrainWithStringKey
{
    /// <summary>Creates the organization; calling it again with the same name returns the existing one.</summary>
    [Alias("Create")]
    Task<OrganizationInfo> CreateAsync(string name);

    /// <summary>The organization, or null when it does not exist.</summary>
    [Alias("Get")]
    Task<OrganizationInfo?> GetAsync();

    /// <summary>Records a new API key in the catalogue. Fails with NotFound when the organization does not exist.</summary>
    [Alias("AddApiKey")]
    Task AddApiKeyAsync(string apiKeyId);

    /// <summary>Creates a project owned by this organization and lists it in the catalogue.</summary>
    [Alias("CreateProject")]
    Task<ProjectInfo> CreateProjectAsync(ProjectDraft draft);

    /// <summary>A page of the organization's project ids, newest first.</summary>
    [Alias("ListProjectIds")]
    Task<Page<Guid>> ListProjectIdsAsync(string? cursor, int limit);

    /// <summary>Adds money to the wallet; the balance and its ledger entry are written together.</summary>
    [Alias("CreditWallet")]
    Task<WalletCredit> CreditWalletAsync(long amountCents, string? note);

    /// <summary>
    /// Charges lease periods, all or nothing, each charge id at most once ever: ids already in the ledger are not
    /// charged again; when the balance cannot pay all the others, none is applied and the outcome says so. The balance
    /// and its <c>lease_charge</c> entries are one state write.
    /// </summary>
    [Alias("ChargeLeases")]
    Task<LeaseChargeOutcome> ChargeLeasesAsync(IReadOnlyList<LeaseCharge> charges);

    /// <summary>A page of wallet transactions, newest first.</summary>
    [Alias("ListTransactions")]
    Task<Page<WalletTransaction>> ListTransactionsAsync(string? cursor, int limit);

}
