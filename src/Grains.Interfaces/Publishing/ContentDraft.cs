namespace Layers.Publishing;

[GenerateSerializer, Immutable]
public sealed record ContentDraft(
    [property: Id(0)] string? Caption,
    [property: Id(1)] string? FirstComment,
    [property: Id(2)] IReadOnlyList<ContentAsset> Assets);
