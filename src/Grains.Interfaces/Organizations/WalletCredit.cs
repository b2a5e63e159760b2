namespace Layers.Organizations;

/// <summary>The wallet after a credit, and the credit's ledger entry.</summary>
/// <param name="BalanceCents">The balance after the credit, in US cents.</param>
/// <param name="Transaction">The ledger entry of the credit (`type: credit`).</param>
[GenerateSerializer, Immutable]
public sealed record WalletCredit([property: Id(0)] long BalanceCents, [property: Id(1)] WalletTransaction Transaction);
