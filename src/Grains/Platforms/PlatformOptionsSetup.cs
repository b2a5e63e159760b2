using Layers.Platforms.Instagram;
using Layers.Platforms.TikTok;
using Layers.SocialAccounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Layers.Platforms;

/// <summary>
/// Points a platform without configured credentials at the sandbox simulator served by this service under
/// <c>{Layers:PublicBaseUrl}/sandbox/{platform}</c>, with the simulator's own app credentials. The browser always
/// reaches the consent page through the public URL; server-to-server calls use
/// <c>Layers:Platforms:SandboxApiBaseUrl</c> when set, for silos that reach the HTTP front by another address.
/// </summary>
public sealed class PlatformOptionsSetup(IConfiguration configuration)
    : IPostConfigureOptions<TikTokOptions>, IPostConfigureOptions<InstagramOptions>
{
    public const string SandboxClientId = "sandbox-client";
    public const string SandboxClientSecret = "sandbox-secret";
    public const string PublicBaseUrlKey = "Layers:PublicBaseUrl";
    public const string DefaultPublicBaseUrl = "http://localhost:8080";
    public const string SandboxApiBaseUrlKey = "Layers:Platforms:SandboxApiBaseUrl";

    /// <summary>The path under which the simulator of <paramref name="platform"/> is served.</summary>
    public static string SandboxPath(string platform) => "/sandbox/" + platform;

    public void PostConfigure(string? name, TikTokOptions options)
    {
        options.IsSandbox = string.IsNullOrWhiteSpace(options.ClientKey);
        if (!options.IsSandbox)
        {
            return;
        }

        options.ClientKey = SandboxClientId;
        options.ClientSecret = SandboxClientSecret;
        options.AuthorizeUrl = SandboxRoot(PublicBaseUrlKey, PlatformNames.TikTok) + "/oauth/authorize";
        options.ApiBaseUrl = SandboxRoot(SandboxApiBaseUrlKey, PlatformNames.TikTok);
    }

    public void PostConfigure(string? name, InstagramOptions options)
    {
        options.IsSandbox = string.IsNullOrWhiteSpace(options.ClientId);
        if (!options.IsSandbox)
        {
            return;
        }

        var api = SandboxRoot(SandboxApiBaseUrlKey, PlatformNames.Instagram);
        options.ClientId = SandboxClientId;
        options.ClientSecret = SandboxClientSecret;
        options.AuthorizeUrl = SandboxRoot(PublicBaseUrlKey, PlatformNames.Instagram) + "/oauth/authorize";
        options.ApiBaseUrl = api;
        options.GraphBaseUrl = api;
    }

    /// <summary>The simulator's root on the base URL under <paramref name="key"/>, falling back to the public base URL.</summary>
    private string SandboxRoot(string key, string platform)
    {
        var baseUrl = configuration[key];
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            baseUrl = configuration[PublicBaseUrlKey];
        }

        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            baseUrl = DefaultPublicBaseUrl;
        }

        return baseUrl.TrimEnd('/') + SandboxPath(platform);
    }
}
