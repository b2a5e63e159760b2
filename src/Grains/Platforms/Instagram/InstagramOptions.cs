namespace Layers.Platforms.Instagram;

/// <summary>
/// Instagram app credentials and endpoints (configuration section <c>Layers:Platforms:Instagram</c>), for the
/// Instagram API with Instagram Login. Without a <see cref="ClientId"/> Instagram runs against the built-in
/// sandbox simulator.
/// </summary>
public sealed class InstagramOptions : IPlatformOptions
{
    public const string SectionName = "Layers:Platforms:Instagram";

    /// <summary>The Instagram app id. Empty (the default) selects sandbox mode.</summary>
    public string? ClientId { get; set; }

    /// <summary>The Instagram app secret; required when <see cref="ClientId"/> is set.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The consent page. Default <c>https://www.instagram.com/oauth/authorize</c>.</summary>
    public string AuthorizeUrl { get; set; } = "https://www.instagram.com/oauth/authorize";

    /// <summary>The host of the code exchange. Default <c>https://api.instagram.com</c>.</summary>
    public string ApiBaseUrl { get; set; } = "https://api.instagram.com";

    /// <summary>The Graph host for long-lived tokens, refresh and profile. Default <c>https://graph.instagram.com</c>.</summary>
    public string GraphBaseUrl { get; set; } = "https://graph.instagram.com";

    /// <summary>
    /// The Graph API version in versioned paths. Default <c>v26.0</c> (released 2026-07-29, supported for about two
    /// years); move it forward before the configured version's end of life (README "Platforms").
    /// </summary>
    public string GraphVersion { get; set; } = "v26.0";

    /// <summary>Decided at start from <see cref="ClientId"/>; not read from configuration.</summary>
    public bool IsSandbox { get; private set; }

    public bool HasCredentials => !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>The simulator serves the code exchange and Graph on one root.</summary>
    public void UseSandbox(string clientId, string clientSecret, string consentRoot, string apiRoot)
    {
        IsSandbox = true;
        ClientId = clientId;
        ClientSecret = clientSecret;
        AuthorizeUrl = consentRoot + "/oauth/authorize";
        ApiBaseUrl = apiRoot;
        GraphBaseUrl = apiRoot;
    }

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return $"{SectionName}:ClientSecret must be set when ClientId is set.";
        }

        foreach (var (key, value) in new[] { (nameof(AuthorizeUrl), AuthorizeUrl), (nameof(ApiBaseUrl), ApiBaseUrl), (nameof(GraphBaseUrl), GraphBaseUrl) })
        {
            if (PlatformOptionsValidator.UrlProblem(SectionName, key, value) is { } problem)
            {
                yield return problem;
            }
        }

        if (string.IsNullOrWhiteSpace(GraphVersion) || GraphVersion.Contains('/', StringComparison.Ordinal))
        {
            yield return $"{SectionName}:GraphVersion must be a version such as v26.0.";
        }
    }
}
