namespace Layers.OAuth;

public static class OAuthSessionStatus
{
    public const string Pending = "pending";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Expired = "expired";
}
