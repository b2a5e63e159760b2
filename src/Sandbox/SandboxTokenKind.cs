namespace Layers.Sandbox;

/// <summary>What a simulated token is good for.</summary>
public enum SandboxTokenKind
{
    /// <summary>TikTok access token.</summary>
    Access,

    /// <summary>TikTok refresh token (rotates on use).</summary>
    Refresh,

    /// <summary>Instagram short-lived user token (1 hour).</summary>
    ShortLived,

    /// <summary>Instagram long-lived user token (60 days, refreshable).</summary>
    LongLived,
}
