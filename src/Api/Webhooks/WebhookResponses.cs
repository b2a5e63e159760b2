namespace Layers.Api.Webhooks;

/// <summary>An endpoint just deleted; its pending deliveries stop.</summary>
/// <remarks>The answer to deleting an endpoint.</remarks>
/// <param name="Id">The endpoint's id (`whe_…`).</param>
/// <param name="Deleted">Always true.</param>
public sealed record WebhookEndpointDeleted(string Id, bool Deleted);
