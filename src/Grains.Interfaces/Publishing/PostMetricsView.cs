namespace Layers.Publishing;

/// <summary>
/// A published post's metrics as the platform counts them, synced often at first and then tapering off (every 15 min
/// for 6 h, hourly to 48 h, daily to 30 days).
/// </summary>
/// <param name="Views">Views.</param>
/// <param name="Likes">Likes.</param>
/// <param name="Comments">Comments.</param>
/// <param name="Shares">Shares.</param>
/// <param name="SyncedAt">When the metrics were read from the platform (ISO-8601, UTC).</param>
[GenerateSerializer, Immutable]
public sealed record PostMetricsView(
    [property: Id(0)] long Views,
    [property: Id(1)] long Likes,
    [property: Id(2)] long Comments,
    [property: Id(3)] long Shares,
    [property: Id(4)] DateTimeOffset SyncedAt);
