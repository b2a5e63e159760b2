using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Layers.Platforms;

/// <summary>
/// The built-in simulators' addresses and app credentials. A platform without configured credentials is served by its
/// simulator under <c>{Layers:PublicBaseUrl}/sandbox/{platform}</c>: the browser always reaches the consent page
/// through the public URL; server-to-server calls use <c>Layers:Platforms:SandboxApiBaseUrl</c> when set, for silos
/// that reach the HTTP front by another address.
/// </summary>
public static class PlatformOptionsSetup
{
    public const string SandboxClientId = "sandbox-client";
    public const string SandboxClientSecret = "sandbox-secret";
    public const string PublicBaseUrlKey = "Layers:PublicBaseUrl";
    public const string DefaultPublicBaseUrl = "http://localhost:8080";
    public const string SandboxApiBaseUrlKey = "Layers:Platforms:SandboxApiBaseUrl";

    /// <summary>The path under which the simulator of <paramref name="platform"/> is served.</summary>
    public static string SandboxPath(string platform) => "/sandbox/" + platform;

    /// <summary>The simulator's root on the base URL under <paramref name="key"/>, falling back to the public base URL.</summary>
    public static string SandboxRoot(IConfiguration configuration, string key, string platform)
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

/// <summary>Points the options of <paramref name="platform"/> at its simulator when no app credentials are configured.</summary>
public sealed class PlatformOptionsSetup<TOptions>(IConfiguration configuration, string platform) : IPostConfigureOptions<TOptions>
    where TOptions : class, IPlatformOptions
{
    public void PostConfigure(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.HasCredentials)
        {
            options.UseSandbox(
                PlatformOptionsSetup.SandboxClientId,
                PlatformOptionsSetup.SandboxClientSecret,
                PlatformOptionsSetup.SandboxRoot(configuration, PlatformOptionsSetup.PublicBaseUrlKey, platform),
                PlatformOptionsSetup.SandboxRoot(configuration, PlatformOptionsSetup.SandboxApiBaseUrlKey, platform));
        }
    }
}
