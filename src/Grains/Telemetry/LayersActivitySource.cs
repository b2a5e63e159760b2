using System.Diagnostics;

namespace Layers.Telemetry;

/// <summary>
/// Spans of the service's own work that no HTTP request or grain call frames: a post handed to its platform, a
/// webhook sent to its endpoint, both run by a timer or reminder. Tags carry ids, types, platform names and outcomes —
/// never a URL, token, secret or signature.
/// </summary>
public static class LayersActivitySource
{
    public const string Name = "Layers";

    /// <summary>
    /// Work this soon after the request that caused it is part of that request ("publish now", the first attempt of
    /// a webhook); work done later is an operation of its own, linked to the request.
    /// </summary>
    private static readonly TimeSpan ContinuationWindow = TimeSpan.FromMinutes(2);

    private static readonly ActivitySource Source = new(Name, "1.0");

    /// <summary>The current trace, to continue or link when deferred work runs.</summary>
    public static TraceOrigin Capture(DateTimeOffset now) => new(Activity.Current?.Context ?? default, now);

    /// <summary>
    /// The current trace as a W3C <c>traceparent</c>, for deferred work whose origin is stored with it (it outlives
    /// the activation and the process); null outside a trace.
    /// </summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? TraceParent(current.Context) : null;

    /// <summary>The origin a stored <c>traceparent</c> names; unknown when there is none or it does not parse.</summary>
    public static TraceOrigin Restore(string? traceParent, DateTimeOffset capturedAt) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context)
            ? new TraceOrigin(context, capturedAt)
            : new TraceOrigin(default, capturedAt);

    public static Activity? StartHandOff(TraceOrigin origin, string scheduledPostId, string socialAccountId, string platform, DateTimeOffset now)
    {
        var activity = Start("publish hand-off", ActivityKind.Internal, origin, now);
        activity?.SetTag("layers.scheduled_post.id", scheduledPostId);
        activity?.SetTag("layers.social_account.id", socialAccountId);
        activity?.SetTag("layers.platform", platform);
        return activity;
    }

    /// <summary>One attempt of a webhook delivery: signing and the POST (whose HTTP client span nests under it).</summary>
    public static Activity? StartWebhookDelivery(
        TraceOrigin origin, string deliveryId, string endpointId, string eventId, string eventType, int attempt, DateTimeOffset now)
    {
        var activity = Start("webhook delivery", ActivityKind.Producer, origin, now);
        activity?.SetTag("layers.webhook_delivery.id", deliveryId);
        activity?.SetTag("layers.webhook_delivery.attempt", attempt);
        activity?.SetTag("layers.webhook_endpoint.id", endpointId);
        activity?.SetTag("layers.event.id", eventId);
        activity?.SetTag("layers.event.type", eventType);
        return activity;
    }

    private static Activity? Start(string name, ActivityKind kind, TraceOrigin origin, DateTimeOffset now)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var continues = origin.IsKnown && now - origin.CapturedAt <= ContinuationWindow;
        ActivityLink[]? links = origin.IsKnown && !continues ? [new ActivityLink(origin.Context)] : null;
        return Source.StartActivity(name, kind, continues ? origin.Context : default, tags: null, links);
    }

    private static string TraceParent(ActivityContext context) =>
        $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{(context.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00")}";
}
