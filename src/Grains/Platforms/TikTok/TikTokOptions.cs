namespace Layers.Platforms.TikTok;

/// <summary>
/// TikTok app credentials and endpoints (configuration section <c>Layers:Platforms:TikTok</c>). Without a
/// <see cref="ClientKey"/> TikTok runs against the built-in sandbox simulator.
/// </summary>
public sealed class TikTokOptions : IPlatformOptions
{
    public const string SectionName = "Layers:Platforms:TikTok";

    /// <summary>The app's client key. Empty (the default) selects sandbox mode.</summary>
    public string? ClientKey { get; set; }

    /// <summary>The app's client secret; required when <see cref="ClientKey"/> is set.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The consent page. Default <c>https://www.tiktok.com/v2/auth/authorize/</c>.</summary>
    public string AuthorizeUrl { get; set; } = "https://www.tiktok.com/v2/auth/authorize/";

    /// <summary>The Open API host for tokens and user info. Default <c>https://open.tiktokapis.com</c>.</summary>
    public string ApiBaseUrl { get; set; } = "https://open.tiktokapis.com";

    /// <summary>Decided at start from <see cref="ClientKey"/>; not read from configuration.</summary>
    public bool IsSandbox { get; private set; }

    public bool HasCredentials => !string.IsNullOrWhiteSpace(ClientKey);

    public void UseSandbox(string clientId, string clientSecret, string consentRoot, string apiRoot)
    {
        IsSandbox = true;
        ClientKey = clientId;
        ClientSecret = clientSecret;
        AuthorizeUrl = consentRoot + "/oauth/authorize";
        ApiBaseUrl = apiRoot;
    }

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return $"{SectionName}:ClientSecret must be set when ClientKey is set.";
        }

        foreach (var (key, value) in new[] { (nameof(AuthorizeUrl), AuthorizeUrl), (nameof(ApiBaseUrl), ApiBaseUrl) })
        {
            if (PlatformOptionsValidator.UrlProblem(SectionName, key, value) is { } problem)
            {
                yield return problem;
            }
        }
    }
}
