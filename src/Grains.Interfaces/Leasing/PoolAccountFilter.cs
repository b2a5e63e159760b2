namespace Layers.Leasing;

/// <summary>Filters of the pool listing; null means any. The vertical matches case-insensitively.</summary>
[GenerateSerializer, Immutable]
public sealed record PoolAccountFilter(
    [property: Id(0)] string? Status,
    [property: Id(1)] string? Vertical);
