namespace Layers.Common;

/// <summary>Shapes of wire values, as the OpenAPI description declares them.</summary>
public static class WirePatterns
{
    public const string Uuid = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    public const string SocialAccountId = "^sa_[0-9A-Za-z]{26}$";
    public const string ScheduledPostId = "^sp_[0-9A-Za-z]{26}$";
}
