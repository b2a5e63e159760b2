namespace Layers.Maintenance;

/// <summary>
/// How long each kind of record is kept once it is no longer needed, and how often the retention job runs
/// (configuration section <c>Layers:Retention</c>). Shorter keeps are for rehearsals and benchmarks that show the tables
/// level off within minutes; the defaults are what the API promises.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Layers:Retention";

    /// <summary>Events, and finished webhook deliveries as long. Default 30 days, as long as <c>GET /v1/events</c> lists them.</summary>
    public TimeSpan Events { get; set; } = Layers.Events.EventRetention.Period;

    /// <summary>A settled post's hand-off journal row, which only guards a hand-off that may still be in flight. Default 1 day.</summary>
    public TimeSpan HandOffs { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Stored responses of <c>Idempotency-Key</c> requests, replayed for 24 hours. Default 25 hours; at least 24.</summary>
    public TimeSpan Idempotency { get; set; } = TimeSpan.FromHours(25);

    /// <summary>OAuth states, which expire after 10 minutes and clear themselves a day later; this catches any left. Default 2 days.</summary>
    public TimeSpan OAuthStates { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How often a pass runs. Default 10 minutes; at least the reminders' minimum period.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromMinutes(10);

    public IEnumerable<string> Problems()
    {
        if (Events <= TimeSpan.Zero || HandOffs <= TimeSpan.Zero || OAuthStates < TimeSpan.FromHours(1))
        {
            yield return $"{SectionName}: Events and HandOffs must be positive, OAuthStates at least an hour.";
        }

        if (Idempotency < TimeSpan.FromHours(24))
        {
            yield return $"{SectionName}:Idempotency must be at least 24 hours: stored responses are replayed that long.";
        }

        if (Period < TimeSpan.FromMinutes(1))
        {
            yield return $"{SectionName}:Period must be at least a minute.";
        }
    }
}
