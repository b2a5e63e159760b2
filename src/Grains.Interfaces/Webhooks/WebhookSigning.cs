namespace Layers.Webhooks;

/// <summary>
/// The endpoint's answer to a delivery about to send: its status, where to send, and the
/// <c>X-Layers-Signature</c> value (only when active).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WebhookSigning(
    [property: Id(0)] string Status,
    [property: Id(1)] string Url,
    [property: Id(2)] string? Signature);
