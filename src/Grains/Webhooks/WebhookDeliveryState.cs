using Layers.Events;

namespace Layers.Webhooks;

[GenerateSerializer]
public sealed class WebhookDeliveryState
{
    [Id(0)] public string? OrganizationId { get; set; }
    [Id(1)] public string EndpointId { get; set; } = "";
    [Id(2)] public EventRecord? Event { get; set; }
    [Id(3)] public string Status { get; set; } = WebhookDeliveryStatus.Pending;
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public DateTimeOffset? NextAttemptAt { get; set; }
    [Id(6)] public DateTimeOffset? CompletedAt { get; set; }
    [Id(7)] public string? ReplayOf { get; set; }
    [Id(8)] public List<WebhookAttempt> Attempts { get; set; } = [];
    [Id(9)] public WebhookError? LastError { get; set; }

    /// <summary>Stored before a POST goes out and cleared with its outcome: set after a restart means it was cut short.</summary>
    [Id(10)] public int? AttemptInFlight { get; set; }
    [Id(11)] public DateTimeOffset? AttemptStartedAt { get; set; }

    /// <summary>Bumped on every change; the listing row only moves forward.</summary>
    [Id(12)] public long Version { get; set; }

    /// <summary>True while the listing may not show the latest version.</summary>
    [Id(13)] public bool ListingPending { get; set; }

    /// <summary>
    /// The W3C <c>traceparent</c> of what caused the delivery (the event's request, or the replay request) and when it
    /// was captured: attempts soon after continue that trace, later ones link to it.
    /// </summary>
    [Id(14)] public string? TraceParent { get; set; }
    [Id(15)] public DateTimeOffset TracedAt { get; set; }
}
