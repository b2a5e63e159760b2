namespace Layers.Sandbox;

/// <summary>
/// Counters of a simulated post after its <c>n</c>-th metric read: they grow with every read, the same way every
/// time, so a metrics sync visibly changes the numbers and tests can predict them.
/// </summary>
public sealed record SandboxMetrics(long Views, long Likes, long Comments, long Shares, long Saves)
{
    public static SandboxMetrics AfterReads(int n) =>
        new(Views: (180L * n) + (20L * n * n), Likes: (12L * n) + ((long)n * n), Comments: 3L * n, Shares: 2L * n, Saves: n);
}
