namespace Layers.Events;

[GenerateSerializer, Immutable]
public sealed record EventQuery(
    [property: Id(0)] Guid? ProjectId,
    [property: Id(1)] string? Type);
