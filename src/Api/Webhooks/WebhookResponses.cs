namespace Layers.Api.Webhooks;

/// <summary>The answer to deleting an endpoint.</summary>
public sealed record WebhookEndpointDeleted(string Id, bool Deleted);
