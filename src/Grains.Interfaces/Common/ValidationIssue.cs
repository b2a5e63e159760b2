namespace Layers.Common;

/// <summary>One invalid field of a request: its JSON path and what is wrong with it.</summary>
/// <param name="Path">The field's path in the request, e.g. `targets[1].options.privacyLevel`; empty for the body as a whole.</param>
/// <param name="Message">What is wrong with it, for people; wording may change.</param>
[GenerateSerializer, Immutable]
public sealed record ValidationIssue([property: Id(0)] string Path, [property: Id(1)] string Message);
