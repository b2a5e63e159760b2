namespace Layers.Publishing;

[GenerateSerializer, Immutable]
public sealed record PostMetricsView(
    [property: Id(0)] long Views,
    [property: Id(1)] long Likes,
    [property: Id(2)] long Comments,
    [property: Id(3)] long Shares,
    [property: Id(4)] DateTimeOffset SyncedAt);
