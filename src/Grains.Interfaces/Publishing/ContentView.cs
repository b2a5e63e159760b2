namespace Layers.Publishing;

/// <summary>An uploaded content container as the API shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record ContentView(
    [property: Id(0)] string Id,
    [property: Id(1)] Guid ProjectId,
    [property: Id(2)] string Status,
    [property: Id(3)] string CreativeType,
    [property: Id(4)] string? Caption,
    [property: Id(5)] string? FirstComment,
    [property: Id(6)] IReadOnlyList<ContentAsset> Assets,
    [property: Id(7)] DateTimeOffset CreatedAt);
