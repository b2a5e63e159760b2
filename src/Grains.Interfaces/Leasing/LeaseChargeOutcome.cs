namespace Layers.Leasing;

/// <summary>
/// The result of charging lease periods. Paid: every charge is in the ledger (now or from an earlier call). Not
/// paid: none was applied, the balance was short of <see cref="RequiredCents"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LeaseChargeOutcome(
    [property: Id(0)] bool Paid,
    [property: Id(1)] long BalanceCents,
    [property: Id(2)] long RequiredCents,
    [property: Id(3)] IReadOnlyList<string> TransactionIds);
