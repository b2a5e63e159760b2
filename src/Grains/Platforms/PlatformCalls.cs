namespace Layers.Platforms;

/// <summary>The kinds of platform call an account paces under its platform's per-token limits.</summary>
public static class PlatformCalls
{
    /// <summary>Handing a post over (TikTok init; Instagram container creation and publish).</summary>
    public const string PublishStart = "publish_start";

    /// <summary>Asking where a handed-off post stands (TikTok status fetch; Instagram container status).</summary>
    public const string PublishStatus = "publish_status";

    /// <summary>Reading what the creator may post (TikTok creator info; Instagram profile and publishing limit).</summary>
    public const string CreatorInfo = "creator_info";
}
