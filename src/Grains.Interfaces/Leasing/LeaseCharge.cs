namespace Layers.Leasing;

/// <summary>
/// One month of one leased account. <see cref="ChargeId"/> is (account, period start): a wallet applies each id once.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LeaseCharge(
    [property: Id(0)] string ChargeId,
    [property: Id(1)] string SocialAccountId,
    [property: Id(2)] DateTimeOffset PeriodStart,
    [property: Id(3)] DateTimeOffset PeriodEnd,
    [property: Id(4)] long AmountCents,
    [property: Id(5)] string? Note);
