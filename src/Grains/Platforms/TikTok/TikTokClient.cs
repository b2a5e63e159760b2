using static Layers.Platforms.PlatformJson;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Layers.SocialAccounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Layers.Platforms.TikTok;

/// <summary>
/// TikTok Login Kit v2: consent URL, code exchange, rotating refresh, revocation, and the Open API user info.
/// Token calls are POSTs and are never retried here; only the user info read goes through the resilient client.
/// </summary>
internal sealed partial class TikTokClient(
    IHttpClientFactory httpClients, IOptions<TikTokOptions> options, Layers.Media.MediaFetcher media, ILogger<TikTokClient> logger) : IPlatformClient
{
    /// <summary>Named HTTP client for token and revoke calls (no retries).</summary>
    public const string OAuthHttpClient = "Layers.Platforms.TikTok.OAuth";

    /// <summary>Named HTTP client for idempotent Open API reads (retries on transient failures).</summary>
    public const string ApiHttpClient = "Layers.Platforms.TikTok.Api";

    /// <summary>Named HTTP client for the chunks of a <c>FILE_UPLOAD</c> (each chunk has its own timeout).</summary>
    public const string UploadHttpClient = "Layers.Platforms.TikTok.Upload";

    private const string ProfileFields = "open_id,union_id,avatar_url,display_name,username";

    // Without user.info.profile TikTok refuses the whole request when username is asked for.
    private const string BasicProfileFields = "open_id,union_id,avatar_url,display_name";
    private const int MaxPlatformMessageLength = 300;

    private readonly TikTokOptions _options = options.Value;

    public string Platform => PlatformNames.TikTok;

    public bool IsSandbox => _options.IsSandbox;

    public IReadOnlyList<string> DefaultScopes { get; } = ["user.info.basic", "user.info.profile", "video.publish", "video.upload", "video.list"];

    public IReadOnlyList<string> RequiredScopes { get; } = ["user.info.basic", "video.publish"];

    /// <summary><c>POST /v2/video/query/</c> needs <c>video.list</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FeatureScopes { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { [PlatformFeatures.Metrics] = ["video.list"] };

    /// <summary>
    /// Per user access token: direct post, inbox and photo inits 6 a minute; status fetches 30 a minute (creator info,
    /// 20 a minute, is read at most once a minute per token by this client for hand-offs, and once a minute by the account for posting screens).
    /// </summary>
    public IReadOnlyDictionary<string, CallLimit> CallLimits { get; } = new Dictionary<string, CallLimit>(StringComparer.Ordinal)
    {
        [PlatformCalls.PublishStart] = new(6, TimeSpan.FromMinutes(1)),
        [PlatformCalls.PublishStatus] = new(30, TimeSpan.FromMinutes(1)),
        [PlatformCalls.CreatorInfo] = new(20, TimeSpan.FromMinutes(1)),
    };

    /// <summary>
    /// Pulls usually finish within seconds; TikTok stops a download an hour after it began, so a post still processing
    /// after two hours will not finish.
    /// </summary>
    public PollSchedule ProcessingPolls { get; } = PollSchedule.Seconds(TimeSpan.FromHours(2), "processing_timeout", 1, 1, 2, 3, 5, 8, 13, 20, 30);

    /// <summary>
    /// TikTok names the public post only once moderation has passed it: usually within a minute, sometimes hours. The
    /// service waits a day.
    /// </summary>
    public PollSchedule? PublicIdPolls { get; } = PollSchedule.Seconds(TimeSpan.FromHours(24), "public_id_timeout", 2, 3, 5, 10, 20, 30, 60, 120, 300, 600);

    /// <summary>An init the platform accepted may already be posting; it cannot be taken back or looked up without its id.</summary>
    public bool UnconfirmedStartIsInvisible => false;

    public string ErrorCodeFor(string? platformCode) => TikTokErrors.ErrorCodeFor(platformCode);

    public string BuildAuthorizeUrl(string state, IReadOnlyList<string> scopes, string redirectUri)
    {
        var requested = scopes.Count > 0 ? scopes : DefaultScopes;
        var url = new StringBuilder(_options.AuthorizeUrl);
        url.Append(_options.AuthorizeUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?')
            .Append("client_key=").Append(Uri.EscapeDataString(_options.ClientKey!))
            .Append("&scope=").AppendJoin(',', requested.Select(Uri.EscapeDataString))
            .Append("&response_type=code")
            .Append("&redirect_uri=").Append(Uri.EscapeDataString(redirectUri))
            .Append("&state=").Append(Uri.EscapeDataString(state));
        return url.ToString();
    }

    public async Task<PlatformTokenGrant> ExchangeCodeAsync(string code, string redirectUri, CancellationToken cancellationToken)
    {
        var body = await PostFormAsync("/v2/oauth/token/", "code exchange",
        [
            new("client_key", _options.ClientKey!),
            new("client_secret", _options.ClientSecret!),
            new("code", code),
            new("grant_type", "authorization_code"),
            new("redirect_uri", redirectUri),
        ], cancellationToken);
        return ReadGrant(body, "code exchange");
    }

    public async Task<PlatformTokenGrant> RefreshAsync(string accessToken, string? refreshToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(refreshToken))
        {
            throw new PlatformAuthException("TikTok tokens cannot be refreshed without a refresh token.", "missing_refresh_token");
        }

        var body = await PostFormAsync("/v2/oauth/token/", "token refresh",
        [
            new("client_key", _options.ClientKey!),
            new("client_secret", _options.ClientSecret!),
            new("grant_type", "refresh_token"),
            new("refresh_token", refreshToken),
        ], cancellationToken);
        return ReadGrant(body, "token refresh");
    }

    public string? RefuseProfile(PlatformProfile profile) => null;

    /// <summary><c>direct_publish</c> posts to the profile; <c>draft_to_device</c> lands in the creator's inbox.</summary>
    public IReadOnlyList<string> Modes { get; } = [DirectPublishMode, DraftToDeviceMode];

    /// <summary>
    /// The Media Transfer Guide's video and image restrictions: MP4, WebM or MOV up to 4 GB and 10 minutes (less when
    /// the creator's <c>max_video_post_duration_sec</c> says so), 360 to 4096 px a side, 23 to 60 fps; JPEG or WebP photos
    /// up to 20 MB and 1080p.
    /// </summary>
    public Layers.Media.MediaRules Media { get; } = new("TikTok",
        new Layers.Media.VideoRules([Layers.Media.MediaTypes.Mp4, Layers.Media.MediaTypes.WebM, Layers.Media.MediaTypes.QuickTime],
            MaxBytes: 4L << 30, MaxDurationMs: 600_000, MinSide: 360, MaxSide: 4096, MinFrameRate: 23, MaxFrameRate: 60),
        new Layers.Media.ImageRules([Layers.Media.MediaTypes.Jpeg, Layers.Media.MediaTypes.WebP],
            MaxBytes: 20L << 20, MaxLongSide: 1920, MaxShortSide: 1080));

    /// <summary>A TikTok post is one video, or a photo post of 1 to 35 images, in either mode.</summary>
    public string? AssetProblem(string mode, IReadOnlyList<string> kinds)
    {
        var videos = kinds.Count(k => k == "video");
        var images = kinds.Count - videos;
        return (videos == 1 && images == 0) || (videos == 0 && images is >= 1 and <= MaxPhotos)
            ? null
            : "TikTok posts carry exactly one video, or 1–35 images.";
    }

    public string PlatformMode(string mode, IReadOnlyList<string> kinds) => mode;

    /// <summary>Access tokens live 24 h (sometimes 2 h): renewed in their last 2 h, or their last quarter when shorter.</summary>
    public DateTimeOffset RefreshAt(StoredTokens tokens) =>
        tokens.AccessExpiresAt - Min(TimeSpan.FromHours(2), (tokens.AccessExpiresAt - tokens.IssuedAt) / 4);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    public async Task<bool> RevokeAsync(string accessToken, CancellationToken cancellationToken)
    {
        await PostFormAsync("/v2/oauth/revoke/", "token revocation",
        [
            new("client_key", _options.ClientKey!),
            new("client_secret", _options.ClientSecret!),
            new("token", accessToken),
        ], cancellationToken);
        return true;
    }

    public async Task<PlatformProfile> GetProfileAsync(string accessToken, CancellationToken cancellationToken)
    {
        JsonElement user;
        try
        {
            user = await GetUserInfoAsync(accessToken, ProfileFields, cancellationToken);
        }
        catch (PlatformException e) when (e.PlatformCode == "scope_not_authorized")
        {
            user = await GetUserInfoAsync(accessToken, BasicProfileFields, cancellationToken);
        }

        var openId = Text(user, "open_id");
        if (string.IsNullOrEmpty(openId))
        {
            throw Malformed("user info", "no open_id");
        }

        var displayName = Text(user, "display_name");
        var handle = Text(user, "username") is { Length: > 0 } username ? username : displayName ?? openId;
        return new PlatformProfile(openId, handle, displayName, Text(user, "avatar_url"), AccountType: null);
    }

    private async Task<JsonElement> GetUserInfoAsync(string accessToken, string fields, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{ApiBase}/v2/user/info/?fields={fields}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var (status, body) = await SendAsync(ApiHttpClient, request, "user info", cancellationToken);
        ThrowOnError(status, body, "user info");
        if (body is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("user", out var user) || user.ValueKind != JsonValueKind.Object)
        {
            throw Malformed("user info", "no data.user");
        }

        return user;
    }

    private async Task<JsonElement?> PostFormAsync(
        string path, string operation, KeyValuePair<string, string>[] form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiBase + path)
        {
            Content = new FormUrlEncodedContent(form),
        };
        var (status, body) = await SendAsync(OAuthHttpClient, request, operation, cancellationToken);
        ThrowOnError(status, body, operation);
        return body;
    }

    private string ApiBase => _options.ApiBaseUrl.TrimEnd('/');

    private PlatformTokenGrant ReadGrant(JsonElement? body, string operation)
    {
        if (body is not { ValueKind: JsonValueKind.Object } root || Text(root, "access_token") is not { Length: > 0 } accessToken)
        {
            throw Malformed(operation, "no access_token");
        }

        var expiresIn = Number(root, "expires_in") ?? throw Malformed(operation, "no expires_in");
        var refreshToken = Text(root, "refresh_token") is { Length: > 0 } token ? token : null;
        var scopes = (Text(root, "scope") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new PlatformTokenGrant(
            accessToken,
            expiresIn,
            refreshToken,
            refreshToken is null ? null : Number(root, "refresh_expires_in"),
            scopes,
            Text(root, "open_id"));
    }

    /// <summary>
    /// The OAuth endpoints answer <c>{"error":"invalid_grant","error_description","log_id"}</c>; the Open API answers
    /// <c>{"data":{},"error":{"code","message","log_id"}}</c> with <c>code":"ok"</c> on success.
    /// </summary>
    private void ThrowOnError(int status, JsonElement? body, string operation)
    {
        string? code = null, message = null, logId = null;
        if (body is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("error", out var error))
        {
            if (error.ValueKind == JsonValueKind.String)
            {
                code = error.GetString();
                message = Text(root, "error_description");
                logId = Text(root, "log_id");
            }
            else if (error.ValueKind == JsonValueKind.Object)
            {
                code = Text(error, "code");
                message = Text(error, "message");
                logId = Text(error, "log_id");
            }
        }

        if (code is "ok" or "")
        {
            code = null;
        }

        if (code is null && status < 400)
        {
            return;
        }

        LogRefused(logger, operation, status, code, logId);
        throw Classify(operation, status, code, message, logId);
    }

    private static PlatformException Classify(string operation, int status, string? code, string? message, string? logId)
    {
        var text = new StringBuilder("TikTok refused the ").Append(operation).Append(": ")
            .Append(code ?? $"HTTP {status}");
        if (!string.IsNullOrWhiteSpace(message))
        {
            text.Append(" (").Append(message.Length > MaxPlatformMessageLength ? message[..MaxPlatformMessageLength] : message).Append(')');
        }

        if (!string.IsNullOrEmpty(logId))
        {
            text.Append(" [log_id ").Append(logId).Append(']');
        }

        if (code is "invalid_grant" or "access_token_invalid")
        {
            return new PlatformAuthException(text.ToString(), code, status);
        }

        // Posting caps (daily posts per creator, daily active users per app) lift with time, like rate limits.
        var rateLimited = code == "rate_limit_exceeded" || status == 429;
        var retryable = rateLimited || status >= 500 || TikTokErrors.IsTransient(code);
        return new PlatformException(text.ToString(), code, status, retryable) { RateLimited = rateLimited };
    }

    private async Task<(int Status, JsonElement? Body)> SendAsync(
        string clientName, HttpRequestMessage request, string operation, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(clientName);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return ((int)response.StatusCode, Parse(text));
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(operation, $"network error ({e.HttpRequestError})", PlatformErrors.NeverSent(e));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(operation, "timed out");
        }
        catch (TimeoutRejectedException)
        {
            // The call was on its way: whether the platform acted on it is unknown.
            throw Unreachable(operation, "timed out");
        }
        catch (ExecutionRejectedException e)
        {
            throw Unreachable(operation, $"not sent: refused by the resilience pipeline ({e.GetType().Name})", notSent: true);
        }
    }

    private PlatformException Unreachable(string operation, string reason, bool notSent = false)
    {
        LogUnreachable(logger, operation, reason);
        return new PlatformException($"TikTok {operation} did not complete: {reason}.", null, retryable: true) { NotSent = notSent };
    }

    private PlatformException Malformed(string operation, string what)
    {
        LogMalformed(logger, operation, what);
        return new PlatformException($"TikTok answered the {operation} with an unexpected body: {what}.", null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "TikTok refused the {Operation}: HTTP {Status}, error {PlatformCode}, log id {LogId}")]
    private static partial void LogRefused(ILogger logger, string operation, int status, string? platformCode, string? logId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TikTok {Operation} did not complete: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string operation, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TikTok answered the {Operation} with an unexpected body: {What}")]
    private static partial void LogMalformed(ILogger logger, string operation, string what);
}
