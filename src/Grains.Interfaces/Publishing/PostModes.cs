using Layers.SocialAccounts;

namespace Layers.Publishing;

/// <summary>Publish modes per platform, and the first of each list is the default.</summary>
public static class PostModes
{
    public const string DirectPublish = "direct_publish";
    public const string DraftToDevice = "draft_to_device";
    public const string Reels = "reels";
    public const string Feed = "feed";

    public static IReadOnlyList<string> For(string platform) => platform switch
    {
        PlatformNames.TikTok => [DirectPublish, DraftToDevice],
        PlatformNames.Instagram => [DirectPublish, Reels, Feed],
        _ => [],
    };
}
