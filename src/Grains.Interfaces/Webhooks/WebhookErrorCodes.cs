namespace Layers.Webhooks;

/// <summary>Why an attempt or a delivery did not succeed, as partners see it.</summary>
public static class WebhookErrorCodes
{
    /// <summary>No complete answer within 10 seconds.</summary>
    public const string Timeout = "timeout";

    /// <summary>DNS, TCP or TLS failed.</summary>
    public const string ConnectionFailed = "connection_failed";

    /// <summary>The host resolved only to addresses webhooks may not reach (private, loopback, metadata, …).</summary>
    public const string AddressRefused = "address_refused";

    /// <summary>The receiver answered with a status other than 2xx (redirects are not followed).</summary>
    public const string UnexpectedStatus = "unexpected_status";

    /// <summary>The process stopped while the attempt was under way; the event is sent again.</summary>
    public const string Interrupted = "interrupted";

    public const string EndpointDeleted = "endpoint_deleted";

    public const string EndpointPaused = "endpoint_paused";
}
