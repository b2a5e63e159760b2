namespace Layers.Common;

/// <summary>A response body rendered once and shared as it is: UTF-8 JSON in the API's wire format, never changed.</summary>
[GenerateSerializer, Immutable]
public sealed record JsonBody([property: Id(0)] byte[] Utf8);
