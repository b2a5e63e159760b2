using Layers.Platforms;

namespace Layers.Sandbox;

/// <summary>
/// The service settings the simulators need, read from the configuration section <c>Layers</c> that the front's
/// own settings are bound from.
/// </summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Layers";

    /// <summary>
    /// The service's public base URL (<c>Layers:PublicBaseUrl</c>): the consent page redirects only to callbacks on
    /// its origin. Default http://localhost:8080.
    /// </summary>
    public string PublicBaseUrl { get; set; } = PlatformOptionsSetup.DefaultPublicBaseUrl;

    /// <summary>
    /// URL prefixes verified under the sandbox's TikTok app besides the service's media proxy
    /// (<c>Layers:SandboxTikTokVerifiedPrefixes</c>); TikTok pulls from nothing else. Default none.
    /// </summary>
    public List<string> SandboxTikTokVerifiedPrefixes { get; set; } = [];
}
