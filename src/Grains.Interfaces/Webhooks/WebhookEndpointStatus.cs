namespace Layers.Webhooks;

public static class WebhookEndpointStatus
{
    public const string Active = "active";
    public const string Paused = "paused";

    /// <summary>Set by the service after <c>20</c> consecutive failed attempts; the partner sets <c>active</c> again.</summary>
    public const string AutoPaused = "auto_paused";

    /// <summary>Never shown to partners: a deleted endpoint does not exist for them.</summary>
    public const string Deleted = "deleted";
}
