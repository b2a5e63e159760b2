namespace Layers.Organizations;

[GenerateSerializer, Immutable]
public sealed record WalletCredit([property: Id(0)] long BalanceCents, [property: Id(1)] WalletTransaction Transaction);
