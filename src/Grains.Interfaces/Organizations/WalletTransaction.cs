using Layers.Common;

namespace Layers.Organizations;

/// <summary>One entry of the wallet's ledger. Amounts are signed US cents.</summary>
/// <remarks>One ledger entry of an organization's wallet. Amounts are signed cents.</remarks>
/// <param name="Id">The entry's id (`wtx_…`).</param>
/// <param name="Type">
/// `credit` (money added by Layers), `lease_charge` (a month of a leased account) or `adjustment`.
/// </param>
/// <param name="AmountCents">
/// The change in US cents: positive adds to the balance, negative (lease charges) takes from it.
/// </param>
/// <param name="BalanceAfterCents">The balance right after this entry, in US cents.</param>
/// <param name="SocialAccountId">Lease charges: the leased account paid for (`sa_…`); null otherwise.</param>
/// <param name="PeriodStart">Lease charges: the start of the month paid for (ISO-8601, UTC). Null otherwise.</param>
/// <param name="PeriodEnd">Lease charges: the end of the month paid for (ISO-8601, UTC). Null otherwise.</param>
/// <param name="Note">A note from Layers; null for none.</param>
/// <param name="CreatedAt">When the entry was made (ISO-8601, UTC).</param>
[GenerateSerializer, Immutable]
public sealed record WalletTransaction(
    [property: Id(0)] string Id,
    [property: Id(1), OneOf("credit", "lease_charge", "adjustment")] string Type,
    [property: Id(2)] long AmountCents,
    [property: Id(3)] long BalanceAfterCents,
    [property: Id(4)] string? SocialAccountId,
    [property: Id(5)] DateTimeOffset? PeriodStart,
    [property: Id(6)] DateTimeOffset? PeriodEnd,
    [property: Id(7)] string? Note,
    [property: Id(8)] DateTimeOffset CreatedAt);
