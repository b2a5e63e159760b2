namespace Layers.Webhooks;

/// <summary>Thrown while connecting when the endpoint's host resolves only to addresses webhooks may not reach.</summary>
public sealed class WebhookAddressRefusedException(string message) : Exception(message);
