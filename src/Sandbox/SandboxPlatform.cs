using Layers.Platforms;
using Layers.SocialAccounts;

namespace Layers.Sandbox;

/// <summary>How one platform's consent step differs on the wire from the other's.</summary>
internal sealed record SandboxPlatform(
    string Name,
    string DisplayName,
    string ClientIdParameter,
    bool RedirectCarriesScopes,
    bool RedirectEndsWithFragment,
    string? DenyReason,
    bool HasAccountTypes)
{
    /// <summary>Login Kit v2: <c>client_key</c>; the redirect names the granted <c>scopes</c>.</summary>
    public static SandboxPlatform TikTok { get; } = new(
        PlatformNames.TikTok, "TikTok", "client_key", RedirectCarriesScopes: true, RedirectEndsWithFragment: false,
        DenyReason: null, HasAccountTypes: false);

    /// <summary>Instagram Login: <c>client_id</c>; a successful redirect ends in <c>#_</c>; a denial carries <c>error_reason</c>.</summary>
    public static SandboxPlatform Instagram { get; } = new(
        PlatformNames.Instagram, "Instagram", "client_id", RedirectCarriesScopes: false, RedirectEndsWithFragment: true,
        DenyReason: "user_denied", HasAccountTypes: true);

    public string BasePath => PlatformOptionsSetup.SandboxPath(Name);
}
