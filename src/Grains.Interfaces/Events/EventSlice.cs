namespace Layers.Events;

/// <summary>Events from one day's log, and the index to continue below (null when the day is exhausted).</summary>
[GenerateSerializer, Immutable]
public sealed record EventSlice([property: Id(0)] IReadOnlyList<EventRecord> Events, [property: Id(1)] int? NextBefore);
