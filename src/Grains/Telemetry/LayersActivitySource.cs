using System.Diagnostics;

namespace Layers.Telemetry;

/// <summary>
/// Spans of the service's own work that no HTTP request or grain call frames: a post handed to its platform by a
/// timer or reminder. Tags carry ids and platform names only.
/// </summary>
public static class LayersActivitySource
{
    public const string Name = "Layers";

    /// <summary>
    /// A hand-off this soon after the request that scheduled it is part of that request ("publish now"); one due
    /// later is an operation of its own, linked to the request.
    /// </summary>
    private static readonly TimeSpan ContinuationWindow = TimeSpan.FromMinutes(2);

    private static readonly ActivitySource Source = new(Name, "1.0");

    /// <summary>The current trace, to continue or link when deferred work runs.</summary>
    public static TraceOrigin Capture(DateTimeOffset now) => new(Activity.Current?.Context ?? default, now);

    public static Activity? StartHandOff(TraceOrigin origin, string scheduledPostId, string socialAccountId, string platform, DateTimeOffset now)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var continues = origin.IsKnown && now - origin.CapturedAt <= ContinuationWindow;
        ActivityLink[]? links = origin.IsKnown && !continues ? [new ActivityLink(origin.Context)] : null;
        var activity = Source.StartActivity("publish hand-off", ActivityKind.Internal, continues ? origin.Context : default, tags: null, links);
        activity?.SetTag("layers.scheduled_post.id", scheduledPostId);
        activity?.SetTag("layers.social_account.id", socialAccountId);
        activity?.SetTag("layers.platform", platform);
        return activity;
    }
}
