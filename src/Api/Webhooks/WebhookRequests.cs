namespace Layers.Api.Webhooks;

public sealed record CreateWebhookEndpointRequest(string? Url, List<string?>? Events, string? Description, string? ProjectId);
