namespace Layers.Platforms;

/// <summary>
/// How often a handed-off post is asked about: short first pauses that widen to the platform's pace, and the
/// horizon after which waiting longer is pointless (the post then fails with <paramref name="HorizonCode"/>).
/// </summary>
public sealed record PollSchedule(IReadOnlyList<TimeSpan> Pauses, TimeSpan Horizon, string HorizonCode)
{
    /// <summary>The pause before the next read, when <paramref name="readsSoFar"/> reads were made.</summary>
    public TimeSpan PauseAfter(int readsSoFar) => Pauses[Math.Clamp(readsSoFar, 0, Pauses.Count - 1)];

    public static PollSchedule Seconds(TimeSpan horizon, string horizonCode, params int[] pauses) =>
        new([.. pauses.Select(s => TimeSpan.FromSeconds(s))], horizon, horizonCode);
}
