namespace Layers.Webhooks;

[GenerateSerializer]
public sealed class WebhookDirectoryState
{
    [Id(0)] public Dictionary<string, WebhookEndpointSummary> Endpoints { get; set; } = new(StringComparer.Ordinal);
}
