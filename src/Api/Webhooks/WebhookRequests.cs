namespace Layers.Api.Webhooks;

public sealed record CreateWebhookEndpointRequest(string? Url, List<string?>? Events, string? Description, string? ProjectId);

/// <summary>
/// The documented shape of a webhook endpoint PATCH. The handler reads the body as raw JSON, because an absent field
/// (left as it is) and an explicit null (<c>description</c> cleared) mean different things.
/// </summary>
public sealed record UpdateWebhookEndpointRequest(string? Url, List<string?>? Events, string? Description, string? Status);
