namespace Layers.Leasing;

/// <summary>
/// Part of one month's review listing, newest first. <see cref="Before"/> is where the next slice of the same month
/// starts (exclusive), or null when the month has no more entries.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LeaseReviewSlice(
    [property: Id(0)] IReadOnlyList<LeaseReviewEntry> Items,
    [property: Id(1)] int? Before);
