namespace Layers.Leasing;

/// <summary>One pool account an operator assigns to a request, with its monthly price (null: the default).</summary>
[GenerateSerializer, Immutable]
public sealed record LeasePick(
    [property: Id(0)] string PoolAccountId,
    [property: Id(1)] long? MonthlyPriceCents);
