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

    /// <summary>
    /// How videos reach TikTok: <c>proxy</c> (the default) has TikTok pull them from the service's media proxy, the one
    /// prefix the operator verifies with TikTok; <c>file_upload</c> uploads them in chunks, streamed from the partner's
    /// URL; <c>direct</c> gives TikTok the partner's URL as it is, which works only for prefixes verified under the
    /// service's TikTok app. Photos can only be pulled: they go through the proxy unless this is <c>direct</c>.
    /// </summary>
    public string MediaTransfer { get; set; } = TikTokMediaTransfer.Proxy;

    /// <summary>The chunk size of a <c>FILE_UPLOAD</c>, 5 to 64 MiB (TikTok's bounds). Default 10,000,000 bytes.</summary>
    public long UploadChunkBytes { get; set; } = 10_000_000;

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
        if (!TikTokMediaTransfer.All.Contains(MediaTransfer))
        {
            yield return $"{SectionName}:MediaTransfer must be one of {string.Join(", ", TikTokMediaTransfer.All)}.";
        }

        if (UploadChunkBytes is < TikTokMediaTransfer.MinChunkBytes or > TikTokMediaTransfer.MaxChunkBytes)
        {
            yield return $"{SectionName}:UploadChunkBytes must be between {TikTokMediaTransfer.MinChunkBytes} and {TikTokMediaTransfer.MaxChunkBytes}.";
        }

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
