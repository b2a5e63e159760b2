using static Layers.Platforms.PlatformJson;
using System.Text;
using System.Text.Json;
using Layers.SocialAccounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Layers.Platforms.Instagram;

/// <summary>
/// The Instagram API with Instagram Login: consent URL, code → short-lived → long-lived token, long-lived token
/// refresh, and the profile. The Graph API takes the access token in the query string, as its protocol requires;
/// no URL is ever logged or put into an exception. Instagram issues no refresh tokens and offers no revocation.
/// </summary>
internal sealed partial class InstagramClient(
    IHttpClientFactory httpClients, IOptions<InstagramOptions> options, ILogger<InstagramClient> logger) : IPlatformClient
{
    /// <summary>Named HTTP client for token calls (no retries).</summary>
    public const string OAuthHttpClient = "Layers.Platforms.Instagram.OAuth";

    /// <summary>Named HTTP client for idempotent Graph reads (retries on transient failures).</summary>
    public const string ApiHttpClient = "Layers.Platforms.Instagram.Api";

    private const string ProfileFields = "user_id,username,name,account_type,profile_picture_url";
    private const string CodeSuffix = "#_";
    private const int MaxPlatformMessageLength = 300;

    /// <summary>Instagram refuses to refresh a long-lived token younger than a day.</summary>
    private static readonly TimeSpan MinimumRefreshAge = TimeSpan.FromHours(24);

    private readonly InstagramOptions _options = options.Value;

    public string Platform => PlatformNames.Instagram;

    public bool IsSandbox => _options.IsSandbox;

    public IReadOnlyList<string> DefaultScopes { get; } =
        ["instagram_business_basic", "instagram_business_content_publish", "instagram_business_manage_insights", "instagram_business_manage_comments"];

    public IReadOnlyList<string> RequiredScopes { get; } = ["instagram_business_basic", "instagram_business_content_publish"];

    /// <summary>Media insights need <c>instagram_business_manage_insights</c>; commenting needs <c>instagram_business_manage_comments</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FeatureScopes { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [PlatformFeatures.Metrics] = ["instagram_business_manage_insights"],
            [PlatformFeatures.Comments] = ["instagram_business_manage_comments"],
        };

    /// <summary>
    /// An account may publish 50 posts through the API in any 24 hours (<c>content_publishing_limit</c>'s
    /// <c>quota_total</c>; a carousel counts once). Container status reads have no per-call limit of their own beyond
    /// the user's call budget, and are spaced by <see cref="ProcessingPolls"/>.
    /// </summary>
    public IReadOnlyDictionary<string, CallLimit> CallLimits { get; } = new Dictionary<string, CallLimit>(StringComparer.Ordinal)
    {
        [PlatformCalls.PublishStart] = new(50, TimeSpan.FromHours(24)),
    };

    /// <summary>
    /// The documentation asks for a container's status about once a minute for at most five minutes: a few quick
    /// reads first (most images are ready at once), widening to a minute.
    /// </summary>
    public PollSchedule ProcessingPolls { get; } = PollSchedule.Seconds(TimeSpan.FromMinutes(5), "container_processing_timeout", 1, 2, 4, 8, 15, 30, 60);

    /// <summary><c>media_publish</c> answers with the media id.</summary>
    public PollSchedule? PublicIdPolls => null;

    /// <summary>A container is invisible until <c>media_publish</c> and expires after 24 hours.</summary>
    public bool UnconfirmedStartIsInvisible => true;

    public string ErrorCodeFor(string? platformCode) => InstagramErrors.ErrorCodeFor(platformCode);

    public string BuildAuthorizeUrl(string state, IReadOnlyList<string> scopes, string redirectUri)
    {
        var requested = scopes.Count > 0 ? scopes : DefaultScopes;
        var url = new StringBuilder(_options.AuthorizeUrl);
        url.Append(_options.AuthorizeUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?')
            .Append("client_id=").Append(Uri.EscapeDataString(_options.ClientId!))
            .Append("&redirect_uri=").Append(Uri.EscapeDataString(redirectUri))
            .Append("&response_type=code")
            .Append("&scope=").AppendJoin(',', requested.Select(Uri.EscapeDataString))
            .Append("&state=").Append(Uri.EscapeDataString(state));
        return url.ToString();
    }

    public async Task<PlatformTokenGrant> ExchangeCodeAsync(string code, string redirectUri, CancellationToken cancellationToken)
    {
        // Instagram appends "#_" to the redirect; it is not part of the code.
        if (code.EndsWith(CodeSuffix, StringComparison.Ordinal))
        {
            code = code[..^CodeSuffix.Length];
        }

        using var exchange = new HttpRequestMessage(HttpMethod.Post, ApiBase + "/oauth/access_token")
        {
            Content = new FormUrlEncodedContent(
            [
                new("client_id", _options.ClientId!),
                new("client_secret", _options.ClientSecret!),
                new("grant_type", "authorization_code"),
                new("redirect_uri", redirectUri),
                new("code", code),
            ]),
        };
        var shortLived = ShortLivedToken(await SendAsync(OAuthHttpClient, exchange, "code exchange", cancellationToken));
        var accessToken = Text(shortLived, "access_token");
        if (string.IsNullOrEmpty(accessToken))
        {
            throw Malformed("code exchange", "no access_token");
        }

        using var upgrade = new HttpRequestMessage(HttpMethod.Get,
            $"{GraphBase}/access_token?grant_type=ig_exchange_token&client_secret={Uri.EscapeDataString(_options.ClientSecret!)}&access_token={Uri.EscapeDataString(accessToken)}");
        var longLived = await SendAsync(OAuthHttpClient, upgrade, "long-lived token exchange", cancellationToken);
        return LongLivedGrant(longLived, "long-lived token exchange", Scopes(shortLived), Id(shortLived, "user_id"));
    }

    public async Task<PlatformTokenGrant> RefreshAsync(string accessToken, string? refreshToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"{GraphBase}/refresh_access_token?grant_type=ig_refresh_token&access_token={Uri.EscapeDataString(accessToken)}");
        var body = await SendAsync(OAuthHttpClient, request, "token refresh", cancellationToken);

        // The refresh response names no scopes or user; the grant's scopes are unchanged.
        return LongLivedGrant(body, "token refresh", [], platformUserId: null);
    }

    /// <summary>
    /// <c>direct_publish</c> picks the post's form from its media (one video: a reel; otherwise a feed post or
    /// carousel); <c>reels</c> and <c>feed</c> ask for one.
    /// </summary>
    public IReadOnlyList<string> Modes { get; } = [DirectPublishMode, ReelsMode, FeedMode];

    /// <summary>
    /// The IG User Media reference's specifications: reels are MOV or MP4 up to 300 MB, 3 s to 15 min, at most 1920
    /// columns, an aspect ratio from 0.01:1 to 10:1, 23 to 60 fps; images are JPEG up to 8 MB with an aspect ratio from
    /// 4:5 to 1.91:1 (wider or narrower pictures are scaled, not refused).
    /// </summary>
    public Layers.Media.MediaRules Media { get; } = new("Instagram",
        new Layers.Media.VideoRules([Layers.Media.MediaTypes.Mp4, Layers.Media.MediaTypes.QuickTime],
            MaxBytes: 300L << 20, MaxDurationMs: 900_000, MinDurationMs: 3_000, MaxWidth: 1920, MinAspect: 0.01, MaxAspect: 10,
            MinFrameRate: 23, MaxFrameRate: 60),
        new Layers.Media.ImageRules([Layers.Media.MediaTypes.Jpeg], MaxBytes: 8L << 20, MinAspect: 0.8, MaxAspect: 1.91));

    /// <summary>A reel is one video; a feed post one image, one video (a reel shared to the feed) or a carousel of 2–10.</summary>
    public string? AssetProblem(string mode, IReadOnlyList<string> kinds)
    {
        var videos = kinds.Count(k => k == "video");
        var images = kinds.Count - videos;
        // A single video in the feed goes out as a reel shared to the feed (Instagram has no feed-only video).
        var feed = kinds.Count is >= 1 and <= MaxCarouselItems;
        return mode switch
        {
            ReelsMode => videos == 1 && images == 0 ? null : "reels carry exactly one video.",
            FeedMode => feed ? null : "feed carries one image, one video (a reel shared to the feed), or a carousel of 2–10 images and videos.",
            _ => feed ? null : "Instagram posts carry one video (a reel), one image, or a carousel of 2–10 items.",
        };
    }

    public string PlatformMode(string mode, IReadOnlyList<string> kinds) =>
        mode == DirectPublishMode ? kinds is ["video"] ? ReelsMode : FeedMode : mode;

    /// <summary>
    /// Long-lived tokens last about 60 days and can be refreshed once a day old: renewed in their last 10 days (or last
    /// quarter when shorter), never before they are a day old.
    /// </summary>
    public DateTimeOffset RefreshAt(StoredTokens tokens)
    {
        var lifetime = tokens.AccessExpiresAt - tokens.IssuedAt;
        var lead = lifetime / 4 < TimeSpan.FromDays(10) ? lifetime / 4 : TimeSpan.FromDays(10);
        var earliest = tokens.IssuedAt + MinimumRefreshAge;
        var due = tokens.AccessExpiresAt - lead;
        return due > earliest ? due : earliest;
    }

    /// <summary>Personal accounts cannot publish through the API; business and creator accounts can.</summary>
    public string? RefuseProfile(PlatformProfile profile) =>
        string.Equals(profile.AccountType, "PERSONAL", StringComparison.OrdinalIgnoreCase) ? Layers.OAuth.OAuthErrorCodes.NotBusinessAccount : null;

    public Task<bool> RevokeAsync(string accessToken, CancellationToken cancellationToken) => Task.FromResult(false);

    public async Task<PlatformProfile> GetProfileAsync(string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"{GraphBase}/{_options.GraphVersion}/me?fields={ProfileFields}&access_token={Uri.EscapeDataString(accessToken)}");
        var body = await SendAsync(ApiHttpClient, request, "profile read", cancellationToken);
        var userId = Id(body, "user_id") ?? Id(body, "id");
        var username = Text(body, "username");
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(username))
        {
            throw Malformed("profile read", "no user_id or username");
        }

        return new PlatformProfile(userId, username, Text(body, "name"), Text(body, "profile_picture_url"), Text(body, "account_type"));
    }

    private string ApiBase => _options.ApiBaseUrl.TrimEnd('/');

    private string GraphBase => _options.GraphBaseUrl.TrimEnd('/');

    /// <summary>The code exchange answers either <c>{access_token, user_id, permissions}</c> or <c>{"data":[{…}]}</c>.</summary>
    private static JsonElement ShortLivedToken(JsonElement body) =>
        body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0
            && data[0].ValueKind == JsonValueKind.Object
            ? data[0]
            : body;

    private PlatformTokenGrant LongLivedGrant(JsonElement body, string operation, IReadOnlyList<string> scopes, string? platformUserId)
    {
        var accessToken = Text(body, "access_token");
        if (string.IsNullOrEmpty(accessToken))
        {
            throw Malformed(operation, "no access_token");
        }

        var expiresIn = body.TryGetProperty("expires_in", out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            ? seconds
            : throw Malformed(operation, "no expires_in");
        return new PlatformTokenGrant(accessToken, expiresIn, RefreshToken: null, RefreshExpiresInSeconds: null, scopes, platformUserId);
    }

    private static string[] Scopes(JsonElement token)
    {
        if (!token.TryGetProperty("permissions", out var permissions))
        {
            return [];
        }

        return permissions.ValueKind switch
        {
            JsonValueKind.String => permissions.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            JsonValueKind.Array => permissions.EnumerateArray()
                .Where(p => p.ValueKind == JsonValueKind.String)
                .Select(p => p.GetString()!)
                .ToArray(),
            _ => [],
        };
    }

    /// <summary>Sends the request and returns the JSON object of a successful answer; throws on any failure.</summary>
    private async Task<JsonElement> SendAsync(string clientName, HttpRequestMessage request, string operation, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(clientName);
        int status;
        string text;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            text = await response.Content.ReadAsStringAsync(cancellationToken);
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

        var body = Parse(text);
        if (body is { ValueKind: JsonValueKind.Object } root && !HasError(root) && status < 400)
        {
            return root;
        }

        throw Refused(operation, status, body);
    }

    private static bool HasError(JsonElement root) =>
        root.TryGetProperty("error", out _) || root.TryGetProperty("error_type", out _);

    /// <summary>
    /// Graph errors are <c>{"error":{message, type, code, error_subcode, fbtrace_id}}</c>; the code exchange host may
    /// answer <c>{error_type, code, error_message}</c>. 190 means the token is dead and the user must re-authorize.
    /// </summary>
    private PlatformException Refused(string operation, int status, JsonElement? body)
    {
        long? code = null, subcode = null;
        string? type = null, message = null, traceId = null;
        var transient = false;
        if (body is { ValueKind: JsonValueKind.Object } root)
        {
            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                code = Number(error, "code");
                subcode = Number(error, "error_subcode");
                type = Text(error, "type");
                message = Text(error, "message");
                traceId = Text(error, "fbtrace_id");
                transient = error.TryGetProperty("is_transient", out var t) && t.ValueKind == JsonValueKind.True;
            }
            else if (root.TryGetProperty("error_type", out _))
            {
                type = Text(root, "error_type");
                message = Text(root, "error_message");
            }
        }

        LogRefused(logger, operation, status, code, type, traceId);
        // Content publishing failures carry their precise reason in a 2207xxx subcode (the code alone, e.g. 9 or 100, is
        // shared by unrelated failures); that subcode is the platform code then.
        var platformCode = (subcode is >= 2207000 and < 2208000 ? subcode : code)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? type;
        var text = new StringBuilder("Instagram refused the ").Append(operation).Append(": ")
            .Append(code is null ? type ?? $"HTTP {status}" : $"error {code}")
            .Append(subcode is null ? "" : $" (subcode {subcode})");
        if (!string.IsNullOrWhiteSpace(message))
        {
            text.Append(" (").Append(message.Length > MaxPlatformMessageLength ? message[..MaxPlatformMessageLength] : message).Append(')');
        }

        if (!string.IsNullOrEmpty(traceId))
        {
            text.Append(" [fbtrace_id ").Append(traceId).Append(']');
        }

        if (code == 190)
        {
            return new PlatformAuthException(text.ToString(), platformCode, status);
        }

        // 4/17/32/613/80002 are call rate limits, 9 the daily publishing limit (subcode 2207042): all lift with time.
        var rateLimited = status == 429 || InstagramErrors.IsRateLimit(
            code?.ToString(System.Globalization.CultureInfo.InvariantCulture), subcode?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var retryable = transient || rateLimited || code is 1 or 2 || status >= 500;
        return new PlatformException(text.ToString(), platformCode, status, retryable) { RateLimited = rateLimited };
    }

    private PlatformException Unreachable(string operation, string reason, bool notSent = false)
    {
        LogUnreachable(logger, operation, reason);
        return new PlatformException($"Instagram {operation} did not complete: {reason}.", null, retryable: true) { NotSent = notSent };
    }

    private PlatformException Malformed(string operation, string what)
    {
        LogMalformed(logger, operation, what);
        return new PlatformException($"Instagram answered the {operation} with an unexpected body: {what}.", null);
    }

    /// <summary>Instagram ids come as JSON numbers or strings; the digits are kept as written.</summary>
    private static string? Id(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instagram refused the {Operation}: HTTP {Status}, error {PlatformCode} {ErrorType}, fbtrace id {TraceId}")]
    private static partial void LogRefused(ILogger logger, string operation, int status, long? platformCode, string? errorType, string? traceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instagram {Operation} did not complete: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string operation, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instagram answered the {Operation} with an unexpected body: {What}")]
    private static partial void LogMalformed(ILogger logger, string operation, string what);
}
