namespace Layers.Sandbox;

/// <summary>
/// What the control endpoints report about a simulated user; TikTok also counts the creator info reads made with the
/// user's tokens, and when the last one came. <see cref="CallsLastMinute"/> counts, per rate-limited endpoint path,
/// the calls of all the user's tokens that the current one-minute window holds; <see cref="RateLimited"/> counts the
/// answers the user got because a limit was reached (not the 429s armed by <c>fail-next-publish</c>), so tests can
/// check that a client stays within the limits.
/// </summary>
public sealed record SandboxUserReport(
    string Handle,
    string PlatformUserId,
    int Revocations,
    int ActiveTokens,
    int Refreshes,
    int CreatorInfoReads,
    DateTimeOffset? LastCreatorInfoReadAt,
    IReadOnlyDictionary<string, int> CallsLastMinute,
    int RateLimited);
