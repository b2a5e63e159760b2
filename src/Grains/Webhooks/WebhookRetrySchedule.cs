namespace Layers.Webhooks;

/// <summary>The first attempt goes at once; the others wait 30 s, 1 min, 5 min, 15 min, 1 h, 6 h and 24 h.</summary>
public static class WebhookRetrySchedule
{
    public static readonly IReadOnlyList<TimeSpan> Delays =
    [
        TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15),
        TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromHours(24),
    ];

    public static int MaxAttempts => Delays.Count + 1;

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based), or null after the last one.</summary>
    public static TimeSpan? DelayAfter(int attempt) => attempt >= 1 && attempt <= Delays.Count ? Delays[attempt - 1] : null;
}
