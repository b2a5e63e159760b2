namespace Layers.OAuth;

public static class OAuthPurpose
{
    public const string Connect = "connect";
    public const string Reauth = "reauth";
}
