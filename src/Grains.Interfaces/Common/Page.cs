namespace Layers.Common;

/// <summary>One page of a listing and the opaque position after its last item (null on the last page).</summary>
[GenerateSerializer, Immutable]
public sealed record Page<T>([property: Id(0)] IReadOnlyList<T> Items, [property: Id(1)] string? NextCursor);
