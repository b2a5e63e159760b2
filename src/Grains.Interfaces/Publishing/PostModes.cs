namespace Layers.Publishing;

/// <summary>The publish modes' names; which a platform offers, its module says (<c>IPlatformClient.Modes</c>).</summary>
public static class PostModes
{
    public const string DirectPublish = "direct_publish";
    public const string DraftToDevice = "draft_to_device";
    public const string Reels = "reels";
    public const string Feed = "feed";
}
