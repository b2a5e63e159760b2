namespace Layers.Organizations;

[GenerateSerializer, Immutable]
public sealed record OrganizationInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] long WalletBalanceCents);
