namespace Layers.SocialAccounts;

/// <summary>Platform names: two that work, two known but planned.</summary>
public static class PlatformNames
{
    public const string TikTok = "tiktok";
    public const string Instagram = "instagram";

    public static readonly IReadOnlyList<string> Supported = [TikTok, Instagram];
    public static readonly IReadOnlyList<string> Planned = ["linkedin", "youtube"];
}
