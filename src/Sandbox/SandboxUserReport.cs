namespace Layers.Sandbox;

/// <summary>
/// What the control endpoints report about a simulated user; TikTok also counts the creator info reads made with the
/// user's tokens, and when the last one came.
/// </summary>
public sealed record SandboxUserReport(
    string Handle, string PlatformUserId, int Revocations, int ActiveTokens, int Refreshes, int CreatorInfoReads, DateTimeOffset? LastCreatorInfoReadAt);
