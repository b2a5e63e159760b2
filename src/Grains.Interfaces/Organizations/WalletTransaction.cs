namespace Layers.Organizations;

/// <summary>One ledger entry of an organization's wallet. Amounts are signed cents.</summary>
[GenerateSerializer, Immutable]
public sealed record WalletTransaction(
    [property: Id(0)] string Id,
    [property: Id(1)] string Type,
    [property: Id(2)] long AmountCents,
    [property: Id(3)] long BalanceAfterCents,
    [property: Id(4)] string? SocialAccountId,
    [property: Id(5)] DateTimeOffset? PeriodStart,
    [property: Id(6)] DateTimeOffset? PeriodEnd,
    [property: Id(7)] string? Note,
    [property: Id(8)] DateTimeOffset CreatedAt);
