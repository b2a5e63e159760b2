namespace Layers.SocialAccounts;

public static class SocialAccountStatus
{
    public const string Connected = "connected";
    public const string ReauthRequired = "reauth_required";
    public const string Disconnected = "disconnected";

    public static readonly IReadOnlyList<string> All = [Connected, ReauthRequired, Disconnected];
}
