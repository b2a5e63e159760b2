namespace Layers.Webhooks;

/// <summary>Where an IP address points, for deciding whether webhooks may connect to it.</summary>
public enum WebhookAddressKind
{
    Public,
    Loopback,
    Private,
    LinkLocal,
    Metadata,
    Reserved,
}
