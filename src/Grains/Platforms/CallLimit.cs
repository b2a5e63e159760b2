namespace Layers.Platforms;

/// <summary>A documented per-token limit: at most <paramref name="Calls"/> calls in any <paramref name="Window"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record CallLimit([property: Id(0)] int Calls, [property: Id(1)] TimeSpan Window);
