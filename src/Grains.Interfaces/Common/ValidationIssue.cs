namespace Layers.Common;

/// <summary>One invalid field of a request: its JSON path and what is wrong with it.</summary>
[GenerateSerializer, Immutable]
public sealed record ValidationIssue([property: Id(0)] string Path, [property: Id(1)] string Message);
