namespace Layers.Webhooks;

/// <summary>One signed POST about to go out.</summary>
public sealed record WebhookOutgoing(string Url, byte[] Body, string DeliveryId, string EventId, string EventType, string Signature);
