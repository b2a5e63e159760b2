using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Layers.Sandbox.TikTok;

/// <summary>
/// The TikTok Content Posting API (creator info, direct video post, inbox upload, photo post, status fetch) and the
/// video query, simulated under <c>/sandbox/tiktok</c> with TikTok's paths, field names and error shapes. Media is
/// only ever pulled from URLs (<c>PULL_FROM_URL</c>); it is not downloaded.
/// </summary>
/// <remarks>
/// <c>POST /sandbox/tiktok/control/fail-next-publish {code, handle?}</c> makes the next init (video, inbox or photo)
/// fail. Init-time codes answer the init with TikTok's error: <c>rate_limit_exceeded</c> (429),
/// <c>access_token_invalid</c> and <c>scope_not_authorized</c> (401), <c>spam_risk_too_many_posts</c>,
/// <c>spam_risk_user_banned_from_posting</c>, <c>reached_active_user_cap</c>,
/// <c>unaudited_client_can_only_post_to_private_accounts</c>, <c>url_ownership_unverified</c> (403),
/// <c>invalid_params</c>, <c>privacy_level_option_mismatch</c> (400), <c>internal_error</c> (500); any other
/// lower-case code answers 400. Processing-time codes let the init succeed and end the post <c>FAILED</c> with that
/// <c>fail_reason</c> at the second status fetch: <c>file_format_check_failed</c>, <c>duration_check_failed</c>,
/// <c>frame_rate_check_failed</c>, <c>picture_size_check_failed</c>, <c>video_pull_failed</c>,
/// <c>photo_pull_failed</c>, <c>publish_cancelled</c>, <c>auth_removed</c>, <c>spam_risk</c>, <c>spam_risk_text</c>,
/// <c>internal</c>.
/// </remarks>
internal static class TikTokSandboxPublishApi
{
    public const string PublishScope = "video.publish";
    public const string UploadScope = "video.upload";
    public const string ListScope = "video.list";

    private const string DirectPublishMode = "direct_publish";
    private const string DraftToDeviceMode = "draft_to_device";
    private const string PullFromUrl = "PULL_FROM_URL";
    private const int MaxTitleLength = 2200;
    private const int MaxPhotoTitleLength = 90;
    private const int MaxDescriptionLength = 4000;
    private const int MaxPhotos = 35;
    private const int MaxVideoIds = 20;
    private const long PostIdBase = 7_300_000_000_000_000_000;

    private static readonly string[] PrivacyLevels = ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"];

    private static readonly Dictionary<string, (int Status, string Message)> InitFailures = new(StringComparer.Ordinal)
    {
        ["rate_limit_exceeded"] = (StatusCodes.Status429TooManyRequests, "API rate limit was exceeded. Please try again later."),
        ["access_token_invalid"] = (StatusCodes.Status401Unauthorized, "The access token is invalid or not found in the request."),
        ["scope_not_authorized"] = (StatusCodes.Status401Unauthorized, "The user did not authorize the scope required for completing this request."),
        ["spam_risk_too_many_posts"] = (StatusCodes.Status403Forbidden, "The daily post cap from the API is reached for the current user."),
        ["spam_risk_user_banned_from_posting"] = (StatusCodes.Status403Forbidden, "The user is banned from making new posts."),
        ["reached_active_user_cap"] = (StatusCodes.Status403Forbidden, "The daily quota for active publishing users from your client is reached."),
        ["unaudited_client_can_only_post_to_private_accounts"] = (StatusCodes.Status403Forbidden, "Unaudited clients can only post to a private account."),
        ["url_ownership_unverified"] = (StatusCodes.Status403Forbidden, "The domain or URL prefix of the media URL is not verified."),
        ["invalid_params"] = (StatusCodes.Status400BadRequest, "The media URL could not be used."),
        ["privacy_level_option_mismatch"] = (StatusCodes.Status400BadRequest, "privacy_level is not one of the creator's privacy_level_options."),
        ["internal_error"] = (StatusCodes.Status500InternalServerError, "Something is wrong on TikTok's side. Please try again later."),
    };

    private static readonly HashSet<string> ProcessingFailures = new(StringComparer.Ordinal)
    {
        "file_format_check_failed", "duration_check_failed", "frame_rate_check_failed", "picture_size_check_failed",
        "video_pull_failed", "photo_pull_failed", "publish_cancelled", "auth_removed", "spam_risk", "spam_risk_text", "internal",
    };

    private static readonly HashSet<string> VideoFields = new(StringComparer.Ordinal)
    {
        "id", "create_time", "cover_image_url", "share_url", "video_description", "duration", "height", "width", "title",
        "embed_html", "embed_link", "like_count", "comment_count", "share_count", "view_count",
    };

    public static RouteGroupBuilder MapTikTokSandboxPublishing(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(SandboxPlatform.TikTok.BasePath).ExcludeFromDescription();
        group.MapPost("/v2/post/publish/creator_info/query/", CreatorInfo);
        group.MapPost("/v2/post/publish/video/init/", VideoInitAsync);
        group.MapPost("/v2/post/publish/inbox/video/init/", InboxVideoInitAsync);
        group.MapPost("/v2/post/publish/content/init/", ContentInitAsync);
        group.MapPost("/v2/post/publish/status/fetch/", StatusFetchAsync);
        group.MapPost("/v2/video/query/", VideoQueryAsync);
        group.MapSandboxPublishControl(s => s.TikTok, AcceptsFailureCode);
        return group;
    }

    /// <summary>Any lower-case TikTok-style code: the known ones behave as documented above, others answer 400 at init.</summary>
    public static bool AcceptsFailureCode(string code) =>
        code.Length is > 0 and <= 64 && code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');

    /// <summary><c>POST /v2/post/publish/creator_info/query/</c>: who posts and with which options.</summary>
    public static IResult CreatorInfo(HttpRequest request, SandboxState sandbox)
    {
        var state = sandbox.TikTok;
        var (token, refused) = Authorize(request, state, PublishScope);
        if (refused is not null)
        {
            return refused;
        }

        var handle = token!.Handle;
        state.CountCreatorInfoRead(handle);
        return Ok(state, new
        {
            creator_avatar_url = SandboxAvatars.Url(request, SandboxPlatform.TikTok, handle),
            creator_username = handle,
            creator_nickname = SandboxIdentity.DisplayName(handle),
            privacy_level_options = PrivacyLevels,
            comment_disabled = false,
            duet_disabled = false,
            stitch_disabled = false,
            max_video_post_duration_sec = 600,
        });
    }

    /// <summary><c>POST /v2/post/publish/video/init/</c>: a direct video post pulled from <c>video_url</c>.</summary>
    public static async Task<IResult> VideoInitAsync(HttpRequest request, SandboxState sandbox, CancellationToken cancellationToken)
    {
        var state = sandbox.TikTok;
        var (token, refused) = Authorize(request, state, PublishScope);
        if (refused is not null)
        {
            return refused;
        }

        if (await ReadBodyAsync(request, cancellationToken) is not { } body)
        {
            return Error(state, "invalid_params", "The request body must be a JSON object.", StatusCodes.Status400BadRequest);
        }

        var postInfo = Object(body, "post_info");
        var title = postInfo is { } info ? Text(info, "title") : null;
        if (postInfo is null || (title?.Length ?? 0) > MaxTitleLength)
        {
            return Error(state, "invalid_params", $"post_info is required and its title is at most {MaxTitleLength} characters.", StatusCodes.Status400BadRequest);
        }

        if (!PrivacyLevels.Contains(Text(postInfo.Value, "privacy_level")))
        {
            return Error(state, "privacy_level_option_mismatch", "privacy_level must be one of the creator's privacy_level_options.", StatusCodes.Status400BadRequest);
        }

        if (VideoSource(body) is not { } videoUrl)
        {
            return Error(state, "invalid_params", "source_info must be {source: PULL_FROM_URL, video_url: an http(s) URL}.", StatusCodes.Status400BadRequest);
        }

        return Start(state, token!.Handle, DirectPublishMode, "VIDEO", "v_pub_url", title, [new SandboxAsset("video", videoUrl)], toInbox: false);
    }

    /// <summary><c>POST /v2/post/publish/inbox/video/init/</c>: a video sent to the creator's inbox to finish in the app.</summary>
    public static async Task<IResult> InboxVideoInitAsync(HttpRequest request, SandboxState sandbox, CancellationToken cancellationToken)
    {
        var state = sandbox.TikTok;
        var (token, refused) = Authorize(request, state, UploadScope);
        if (refused is not null)
        {
            return refused;
        }

        if (await ReadBodyAsync(request, cancellationToken) is not { } body || VideoSource(body) is not { } videoUrl)
        {
            return Error(state, "invalid_params", "source_info must be {source: PULL_FROM_URL, video_url: an http(s) URL}.", StatusCodes.Status400BadRequest);
        }

        return Start(state, token!.Handle, DraftToDeviceMode, "VIDEO", "v_inbox_url", null, [new SandboxAsset("video", videoUrl)], toInbox: true);
    }

    /// <summary>
    /// <c>POST /v2/post/publish/content/init/</c>: a photo post, <c>DIRECT_POST</c> (needs <c>video.publish</c>) or
    /// <c>MEDIA_UPLOAD</c> to the inbox (needs <c>video.upload</c>).
    /// </summary>
    public static async Task<IResult> ContentInitAsync(HttpRequest request, SandboxState sandbox, CancellationToken cancellationToken)
    {
        var state = sandbox.TikTok;
        var (token, refused) = Authorize(request, state);
        if (refused is not null)
        {
            return refused;
        }

        if (await ReadBodyAsync(request, cancellationToken) is not { } body)
        {
            return Error(state, "invalid_params", "The request body must be a JSON object.", StatusCodes.Status400BadRequest);
        }

        var postMode = Text(body, "post_mode");
        if (Text(body, "media_type") != "PHOTO" || postMode is not ("DIRECT_POST" or "MEDIA_UPLOAD"))
        {
            return Error(state, "invalid_params", "media_type must be PHOTO and post_mode DIRECT_POST or MEDIA_UPLOAD.", StatusCodes.Status400BadRequest);
        }

        var direct = postMode == "DIRECT_POST";
        if (MissingScope(state, token!, direct ? PublishScope : UploadScope) is { } missing)
        {
            return missing;
        }

        var postInfo = Object(body, "post_info");
        var title = postInfo is { } info ? Text(info, "title") : null;
        var description = postInfo is { } details ? Text(details, "description") : null;
        if ((title?.Length ?? 0) > MaxPhotoTitleLength || (description?.Length ?? 0) > MaxDescriptionLength)
        {
            return Error(state, "invalid_params", $"title is at most {MaxPhotoTitleLength} characters and description at most {MaxDescriptionLength}.", StatusCodes.Status400BadRequest);
        }

        if (direct && (postInfo is null || !PrivacyLevels.Contains(Text(postInfo.Value, "privacy_level"))))
        {
            return Error(state, "privacy_level_option_mismatch", "privacy_level must be one of the creator's privacy_level_options.", StatusCodes.Status400BadRequest);
        }

        var source = Object(body, "source_info");
        var photos = source is { } s && Text(s, "source") == PullFromUrl && s.TryGetProperty("photo_images", out var images)
            && images.ValueKind == JsonValueKind.Array
                ? images.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString() : null).ToList()
                : [];
        if (photos.Count is 0 or > MaxPhotos || photos.Any(p => !IsMediaUrl(p)))
        {
            return Error(state, "invalid_params", $"source_info must be {{source: PULL_FROM_URL, photo_images: 1 to {MaxPhotos} http(s) URLs}}.", StatusCodes.Status400BadRequest);
        }

        var cover = source!.Value.TryGetProperty("photo_cover_index", out var index)
            ? index.ValueKind == JsonValueKind.Number && index.TryGetInt32(out var i) ? i : -1
            : 0;
        if (cover < 0 || cover >= photos.Count)
        {
            return Error(state, "invalid_params", "photo_cover_index must name one of photo_images.", StatusCodes.Status400BadRequest);
        }

        return Start(state, token!.Handle, direct ? DirectPublishMode : DraftToDeviceMode, "PHOTO", "p_pub_url", description ?? title,
            [.. photos.Select(p => new SandboxAsset("image", p!))], toInbox: !direct);
    }

    /// <summary><c>POST /v2/post/publish/status/fetch/</c> <c>{publish_id}</c>.</summary>
    public static async Task<IResult> StatusFetchAsync(HttpRequest request, SandboxState sandbox, CancellationToken cancellationToken)
    {
        var state = sandbox.TikTok;
        var (token, refused) = Authorize(request, state);
        if (refused is not null)
        {
            return refused;
        }

        if (!token!.Scopes.Contains(PublishScope) && !token.Scopes.Contains(UploadScope))
        {
            return Error(state, "scope_not_authorized", $"The user did not authorize the scope required for this request: {PublishScope} or {UploadScope}.", StatusCodes.Status401Unauthorized);
        }

        var publishId = await ReadBodyAsync(request, cancellationToken) is { } body ? Text(body, "publish_id") : null;
        if (string.IsNullOrEmpty(publishId))
        {
            return Error(state, "invalid_params", "publish_id is required.", StatusCodes.Status400BadRequest);
        }

        var publishing = state.Publishing;
        var progress = publishing.TikTokStatus(publishId, token.Handle,
            () => (PostIdBase + publishing.NextNumber()).ToString(CultureInfo.InvariantCulture), state.Now);
        if (progress is not { } found)
        {
            return Error(state, "invalid_params", "publish_id does not exist for this user.", StatusCodes.Status400BadRequest);
        }

        var (status, failReason, postId) = found;

        var data = new Dictionary<string, object>(StringComparer.Ordinal) { ["status"] = status };
        if (failReason is not null)
        {
            data["fail_reason"] = failReason;
        }

        data["publicaly_available_post_id"] = postId is null ? Array.Empty<long>() : new[] { long.Parse(postId, CultureInfo.InvariantCulture) };
        data["uploaded_bytes"] = 0;
        data["downloaded_bytes"] = status == "PROCESSING_DOWNLOAD" ? 0 : 1_048_576;
        return Ok(state, data);
    }

    /// <summary>
    /// <c>POST /v2/video/query/?fields=…</c> <c>{filters:{video_ids}}</c>: the caller's own videos among the ids; each
    /// read makes the counters grow. TikTok requires <c>video.list</c> here; the sandbox also answers tokens that can
    /// post, so accounts connected with the default scopes have metrics.
    /// </summary>
    public static async Task<IResult> VideoQueryAsync(HttpRequest request, SandboxState sandbox, CancellationToken cancellationToken)
    {
        var state = sandbox.TikTok;
        var (token, refused) = Authorize(request, state);
        if (refused is not null)
        {
            return refused;
        }

        if (!token!.Scopes.Contains(ListScope) && !token.Scopes.Contains(PublishScope))
        {
            return Error(state, "scope_not_authorized", $"The user did not authorize the scope required for this request: {ListScope}.", StatusCodes.Status401Unauthorized);
        }

        var fields = request.Query["fields"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length == 0)
        {
            return Error(state, "invalid_params", "fields is required.", StatusCodes.Status400BadRequest);
        }

        if (fields.FirstOrDefault(f => !VideoFields.Contains(f)) is { } unknown)
        {
            return Error(state, "invalid_params", $"Unknown field: {unknown}.", StatusCodes.Status400BadRequest);
        }

        var ids = await ReadBodyAsync(request, cancellationToken) is { } body && Object(body, "filters") is { } filters
            && filters.TryGetProperty("video_ids", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(v => v.ValueKind switch
                {
                    JsonValueKind.String => v.GetString(),
                    JsonValueKind.Number => v.GetRawText(),
                    _ => null,
                }).ToList()
                : [];
        if (ids.Count is 0 or > MaxVideoIds || ids.Any(string.IsNullOrEmpty))
        {
            return Error(state, "invalid_params", $"filters.video_ids must hold 1 to {MaxVideoIds} ids.", StatusCodes.Status400BadRequest);
        }

        var videos = new List<Dictionary<string, object?>>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            if (state.Publishing.FindPost(id!, token.Handle) is not { } post || state.Publishing.ReadMetrics(id!, token.Handle) is not { } reads)
            {
                continue;
            }

            var metrics = SandboxMetrics.AfterReads(reads);
            var video = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var field in fields)
            {
                video[field] = field switch
                {
                    "id" => id,
                    "view_count" => metrics.Views,
                    "like_count" => metrics.Likes,
                    "comment_count" => metrics.Comments,
                    "share_count" => metrics.Shares,
                    "title" or "video_description" => post.Caption ?? "",
                    "share_url" or "embed_link" => $"https://www.tiktok.com/@{post.Handle}/video/{id}",
                    "create_time" => state.Now.ToUnixTimeSeconds(),
                    "duration" => 15,
                    "height" => 1920,
                    "width" => 1080,
                    _ => "",
                };
            }

            videos.Add(video);
        }

        return Ok(state, new { videos, cursor = 0, has_more = false });
    }

    private static JsonHttpResult<object> Start(
        SandboxPlatformState state, string handle, string mode, string kind, string idPrefix, string? caption,
        IReadOnlyList<SandboxAsset> assets, bool toInbox)
    {
        var failure = state.Publishing.TakeFailure(handle);
        if (failure is not null && !ProcessingFailures.Contains(failure))
        {
            var (status, message) = InitFailures.TryGetValue(failure, out var known)
                ? known
                : (StatusCodes.Status400BadRequest, "The sandbox was asked to refuse this post.");
            return Error(state, failure, message, status);
        }

        var publishId = $"{idPrefix}~v2-1.{state.Publishing.NextNumber():D19}";
        state.Publishing.Add(new SandboxPublish(publishId, handle, SandboxIdentity.TikTokOpenId(handle), mode, kind, caption, assets)
        {
            ToInbox = toInbox,
            FailCode = failure,
            ReceivedAt = state.Now,
        });
        return Ok(state, new { publish_id = publishId });
    }

    /// <summary>The bearer token, checked like the user info endpoint checks it, and the scope when one is named.</summary>
    private static (SandboxToken? Token, IResult? Refused) Authorize(HttpRequest request, SandboxPlatformState state, string? scope = null)
    {
        var header = request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        var token = state.Check(presented, SandboxTokenKind.Access);
        if (!token.IsValid)
        {
            return (null, Error(state, "access_token_invalid", "The access token is invalid or not found in the request.", StatusCodes.Status401Unauthorized));
        }

        return (token.Value, scope is null ? null : MissingScope(state, token.Value!, scope));
    }

    private static JsonHttpResult<object>? MissingScope(SandboxPlatformState state, SandboxToken token, string scope) =>
        token.Scopes.Contains(scope)
            ? null
            : Error(state, "scope_not_authorized", $"The user did not authorize the scope required for this request: {scope}.", StatusCodes.Status401Unauthorized);

    private static string? VideoSource(JsonElement body) =>
        Object(body, "source_info") is { } source && Text(source, "source") == PullFromUrl
            && Text(source, "video_url") is { } url && IsMediaUrl(url)
                ? url
                : null;

    private static bool IsMediaUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static async Task<JsonElement?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? Object(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonHttpResult<object> Ok(SandboxPlatformState state, object data) =>
        TypedResults.Json<object>(
            new { data, error = new { code = "ok", message = "", log_id = SandboxIdentity.LogId(state.Now) } },
            SandboxJson.Options);

    /// <summary>The Open API's error shape.</summary>
    private static JsonHttpResult<object> Error(SandboxPlatformState state, string code, string message, int status) =>
        TypedResults.Json<object>(
            new { data = new { }, error = new { code, message, log_id = SandboxIdentity.LogId(state.Now) } },
            SandboxJson.Options, statusCode: status);
}
