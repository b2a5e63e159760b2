namespace Layers.Platforms;

[GenerateSerializer, Immutable]
public sealed record PostMetrics(
    [property: Id(0)] long Views,
    [property: Id(1)] long Likes,
    [property: Id(2)] long Comments,
    [property: Id(3)] long Shares);
