namespace Layers.Publishing;

[GenerateSerializer, Immutable]
public sealed record PostError([property: Id(0)] string Code, [property: Id(1)] string Message, [property: Id(2)] string? PlatformCode);
