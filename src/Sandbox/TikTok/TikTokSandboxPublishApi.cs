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
/// <para>
/// As strict as TikTok's documentation: each token may call each endpoint only as often as
/// <see cref="TikTokRateLimits"/> allows (429 <c>rate_limit_exceeded</c> beyond); direct posts must carry
/// <c>privacy_level</c> among the creator's current options and the brand toggles as booleans, and branded content
/// cannot be private; a creator who may not post is told so by creator info (HTTP 200, as TikTok does) and refused at
/// every init; the public post id appears some status reads after <c>PUBLISH_COMPLETE</c> (moderation), and the
/// video query needs <c>video.list</c> and knows a video only once its id is public. Tests shape the creator with
/// <c>POST /sandbox/tiktok/control/users/{handle}</c> (<see cref="SandboxCreator"/>).
/// </para>
/// <para>
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
/// </para>
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

    /// <summary>How long a status read waits for a download still being checked before it answers that it is.</summary>
    private static readonly TimeSpan MediaLook = TimeSpan.FromSeconds(2);

    private const string SelfOnly = "SELF_ONLY";
    private const string CannotPostCode = "spam_risk_too_many_posts";
    private const string CannotPostMessage = "The daily post cap from the API is reached for the current user.";

    /// <summary>Optional switches of a direct post; when present they must be JSON booleans.</summary>
    private static readonly string[] OptionalToggles = ["disable_comment", "disable_duet", "disable_stitch", "brand_organic_toggle", "is_aigc", "auto_add_music"];

    private static readonly Dictionary<string, (int Status, string Message)> InitFailures = new(StringComparer.Ordinal)
    {
        ["rate_limit_exceeded"] = (StatusCodes.Status429TooManyRequests, "API rate limit was exceeded. Please try again later."),
        ["access_token_invalid"] = (StatusCodes.Status401Unauthorized, "The access token is invalid or not found in the request."),
        ["scope_not_authorized"] = (StatusCodes.Status401Unauthorized, "The user did not authorize the scope required for completing this request."),
        [CannotPostCode] = (StatusCodes.Status403Forbidden, CannotPostMessage),
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
        group.MapPost(TikTokRateLimits.CreatorInfo, CreatorInfo);
        group.MapPost(TikTokRateLimits.VideoInit, VideoInitAsync);
        group.MapPost(TikTokRateLimits.InboxVideoInit, InboxVideoInitAsync);
        group.MapPost(TikTokRateLimits.ContentInit, ContentInitAsync);
        group.MapPost(TikTokRateLimits.StatusFetch, StatusFetchAsync);
        group.MapPost(TikTokRateLimits.VideoQuery, VideoQueryAsync);
        group.MapPut(TikTokRateLimits.Upload, TikTokSandboxUploadApi.UploadChunkAsync);
        group.MapSandboxPublishControl(s => s.TikTok, AcceptsFailureCode);
        return group;
    }

    /// <summary>Any lower-case TikTok-style code: the known ones behave as documented above, others answer 400 at init.</summary>
    public static bool AcceptsFailureCode(string code) =>
        code.Length is > 0 and <= 64 && code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');

    /// <summary>
    /// <c>POST /v2/post/publish/creator_info/query/</c>: who posts and with which options, as the creator is shaped now.
    /// A creator who may not post gets the same data with <c>spam_risk_too_many_posts</c>, on HTTP 200 as TikTok
    /// documents ("200 (intentional)"), so a client must read the error code, not only the status.
    /// </summary>
    public static IResult CreatorInfo(HttpRequest request, SandboxState sandbox)
    {
        var state = sandbox.TikTok;
        var (token, refused) = Authorize(request, state, TikTokRateLimits.CreatorInfo, PublishScope);
        if (refused is not null)
        {
            return refused;
        }

        var handle = token!.Handle;
        state.CountCreatorInfoRead(handle);
        var creator = state.Creator(handle);
        var data = new
        {
            creator_avatar_url = SandboxAvatars.Url(request, SandboxPlatform.TikTok, handle),
            creator_username = handle,
            creator_nickname = SandboxIdentity.DisplayName(handle),
            privacy_level_options = creator.PrivacyLevelOptions,
            comment_disabled = creator.CommentDisabled,
            duet_disabled = creator.DuetDisabled,
            stitch_disabled = creator.StitchDisabled,
            max_video_post_duration_sec = creator.MaxVideoPostDurationSec,
        };
        return creator.CanPost ? Ok(state, data) : Answer(state, data, CannotPostCode, CannotPostMessage, StatusCodes.Status200OK);
    }

    /// <summary>
    /// <c>POST /v2/post/publish/video/init/</c>: a direct video post pulled from <c>video_url</c>. <c>post_info</c>
    /// must carry <c>privacy_level</c> and <c>brand_content_toggle</c>, as TikTok requires.
    /// </summary>
    public static async Task<IResult> VideoInitAsync(HttpRequest request, SandboxState sandbox, SandboxMedia media, CancellationToken cancellationToken)
    {
        var state = sandbox.TikTok;
        var (token, refused) = Authorize(request, state, TikTokRateLimits.VideoInit, PublishScope);
        if (refused is not null)
        {
            return refused;
        }

        var creator = state.Creator(token!.Handle);
        if (!creator.CanPost)
        {
            return CannotPost(state);
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

        if (DirectPostProblem(state, creator, postInfo.Value, requiredToggles: ["brand_content_toggle"]) is { } problem)
        {
            return problem;
        }

        var source = TikTokSandboxUploadApi.ReadVideoSource(state, media, body, creator.MaxVideoPostDurationSec);
        return source.Refused ?? Start(state, creator, DirectPublishMode, "VIDEO", "v_pub_url", title, source.Assets, toInbox: false, postInfo,
            source.Check(media), source.Upload, request);
    }

    /// <summary><c>POST /v2/post/publish/inbox/video/init/</c>: a video sent to the creator's inbox to finish in the app.</summary>
    public static async Task<IResult> InboxVideoInitAsync(HttpRequest request, SandboxState sandbox, SandboxMedia media, CancellationToken cancellationToken)
    {
        var state = sandbox.TikTok;
        var (token, refused) = Authorize(request, state, TikTokRateLimits.InboxVideoInit, UploadScope);
        if (refused is not null)
        {
            return refused;
        }

        var creator = state.Creator(token!.Handle);
        if (!creator.CanPost)
        {
            return CannotPost(state);
        }

        if (await ReadBodyAsync(request, cancellationToken) is not { } body)
        {
            return Error(state, "invalid_params", "The request body must be a JSON object.", StatusCodes.Status400BadRequest);
        }

        var source = TikTokSandboxUploadApi.ReadVideoSource(state, media, body, creatorMaxSeconds: null);
        return source.Refused ?? Start(state, creator, DraftToDeviceMode, "VIDEO", "v_inbox_url", null, source.Assets, toInbox: true,
            check: source.Check(media), upload: source.Upload, request: request);
    }

    /// <summary>
    /// <c>POST /v2/post/publish/content/init/</c>: a photo post, <c>DIRECT_POST</c> (needs <c>video.publish</c>, and
    /// <c>privacy_level</c> with both brand toggles in <c>post_info</c>) or <c>MEDIA_UPLOAD</c> to the inbox (needs
    /// <c>video.upload</c>).
    /// </summary>
    public static async Task<IResult> ContentInitAsync(HttpRequest request, SandboxState sandbox, SandboxMedia media, CancellationToken cancellationToken)
    {
        var state = sandbox.TikTok;
        var (token, refused) = Authorize(request, state, TikTokRateLimits.ContentInit);
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

        var creator = state.Creator(token!.Handle);
        if (!creator.CanPost)
        {
            return CannotPost(state);
        }

        var postInfo = Object(body, "post_info");
        var title = postInfo is { } info ? Text(info, "title") : null;
        var description = postInfo is { } details ? Text(details, "description") : null;
        if ((title?.Length ?? 0) > MaxPhotoTitleLength || (description?.Length ?? 0) > MaxDescriptionLength)
        {
            return Error(state, "invalid_params", $"title is at most {MaxPhotoTitleLength} characters and description at most {MaxDescriptionLength}.", StatusCodes.Status400BadRequest);
        }

        if (direct && postInfo is null)
        {
            return Error(state, "invalid_params", "post_info is required for DIRECT_POST.", StatusCodes.Status400BadRequest);
        }

        if (direct && DirectPostProblem(state, creator, postInfo!.Value, requiredToggles: ["brand_content_toggle", "brand_organic_toggle"]) is { } problem)
        {
            return problem;
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

        if (photos.FirstOrDefault(p => !media.IsVerified(p!)) is { } unverified)
        {
            return Error(state, "url_ownership_unverified", $"The domain or URL prefix of {unverified} is not verified for this app.", StatusCodes.Status403Forbidden);
        }

        var cover = source!.Value.TryGetProperty("photo_cover_index", out var index)
            ? index.ValueKind == JsonValueKind.Number && index.TryGetInt32(out var i) ? i : -1
            : 0;
        if (cover < 0 || cover >= photos.Count)
        {
            return Error(state, "invalid_params", "photo_cover_index must name one of photo_images.", StatusCodes.Status400BadRequest);
        }

        var urls = photos.Select(p => p!).ToList();
        return Start(state, creator, direct ? DirectPublishMode : DraftToDeviceMode, "PHOTO", "p_pub_url", description ?? title,
            [.. urls.Select(p => new SandboxAsset("image", p))], toInbox: !direct, postInfo,
            check: async () => (await media.DownloadAsync(urls, "image", TikTokMediaRules.MaxPhotoBytes)).Select(f => TikTokMediaRules.PhotoFailure(f.Facts, f.Problem)).FirstOrDefault(f => f is not null));
    }

    /// <summary>
    /// <c>POST /v2/post/publish/status/fetch/</c> <c>{publish_id}</c>: <c>PROCESSING_DOWNLOAD</c>, then
    /// <c>PUBLISH_COMPLETE</c> with no <c>publicaly_available_post_id</c> until moderation has passed (see
    /// <see cref="SandboxPublishing.TikTokStatus"/>), or <c>SEND_TO_USER_INBOX</c>.
    /// </summary>
    public static async Task<IResult> StatusFetchAsync(HttpRequest request, SandboxState sandbox, CancellationToken cancellationToken)
    {
        var state = sandbox.TikTok;
        var (token, refused) = Authorize(request, state, TikTokRateLimits.StatusFetch);
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
        await publishing.SettleMediaAsync(publishId, MediaLook);
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
    /// <c>POST /v2/video/query/?fields=…</c> <c>{filters:{video_ids}}</c>: the caller's own videos among the ids, once
    /// their ids are public (a video still in moderation is not listed); each read makes the counters grow. Needs
    /// <c>video.list</c>, as TikTok does: a token that can only post has no metrics.
    /// </summary>
    public static async Task<IResult> VideoQueryAsync(HttpRequest request, SandboxState sandbox, CancellationToken cancellationToken)
    {
        var state = sandbox.TikTok;
        var (token, refused) = Authorize(request, state, TikTokRateLimits.VideoQuery, ListScope);
        if (refused is not null)
        {
            return refused;
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
            if (state.Publishing.FindPost(id!, token!.Handle) is not { } post || state.Publishing.ReadMetrics(id!, token.Handle) is not { } reads)
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

    /// <summary>
    /// Hands the post over: fails it now when an init-time failure is armed, else records it with what it received,
    /// any processing failure (an armed one, or a video longer than the creator may post: <c>duration_check_failed</c>)
    /// and the moderation the creator is shaped with at this moment.
    /// </summary>
    private static JsonHttpResult<object> Start(
        SandboxPlatformState state, SandboxCreator creator, string mode, string kind, string idPrefix, string? caption,
        IReadOnlyList<SandboxAsset> assets, bool toInbox, JsonElement? postInfo = null, Func<Task<string?>>? check = null,
        TikTokUpload? upload = null, HttpRequest? request = null)
    {
        var handle = creator.Handle;
        var failure = state.Publishing.TakeFailure(handle);
        if (failure is not null && !ProcessingFailures.Contains(failure))
        {
            var (status, message) = InitFailures.TryGetValue(failure, out var known)
                ? known
                : (StatusCodes.Status400BadRequest, "The sandbox was asked to refuse this post.");
            return Error(state, failure, message, status);
        }

        var received = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (postInfo is { ValueKind: JsonValueKind.Object } info)
        {
            foreach (var field in info.EnumerateObject())
            {
                received[field.Name] = field.Value.Clone();
            }
        }

        var publishId = $"{idPrefix}~v2-1.{state.Publishing.NextNumber():D19}";
        state.Publishing.Add(new SandboxPublish(publishId, handle, SandboxIdentity.TikTokOpenId(handle), mode, kind, caption, assets)
        {
            ToInbox = toInbox,
            FailCode = failure,
            ReceivedAt = state.Now,
            ModerationReads = creator.ModerationReads,
            Received = received,
            MediaCheck = check is null ? null : SandboxMediaCheck.Of(check()),
            Upload = upload,
        });
        return upload is null
            ? Ok(state, new { publish_id = publishId })
            : Ok(state, new { publish_id = publishId, upload_url = $"{request!.Scheme}://{request.Host}{request.PathBase}{SandboxPlatform.TikTok.BasePath}{TikTokRateLimits.Upload}?upload_token={Uri.EscapeDataString(publishId)}" });
    }

    /// <summary>
    /// The bearer token, checked like the user info endpoint checks it; then the call is counted against the token's
    /// limit for <paramref name="endpoint"/> (whatever becomes of it); then the scope, when one is named.
    /// </summary>
    private static (SandboxToken? Token, IResult? Refused) Authorize(
        HttpRequest request, SandboxPlatformState state, string endpoint, string? scope = null)
    {
        var header = request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        var token = state.Check(presented, SandboxTokenKind.Access);
        if (!token.IsValid)
        {
            return (null, Error(state, "access_token_invalid", "The access token is invalid or not found in the request.", StatusCodes.Status401Unauthorized));
        }

        if (!state.TryCall(token.Value!, endpoint, TikTokRateLimits.PerMinute[endpoint]))
        {
            return (null, Error(state, "rate_limit_exceeded", $"API rate limit was exceeded: at most {TikTokRateLimits.PerMinute[endpoint]} calls a minute per user token. Please try again later.", StatusCodes.Status429TooManyRequests));
        }

        return (token.Value, scope is null ? null : MissingScope(state, token.Value!, scope));
    }

    private static JsonHttpResult<object> CannotPost(SandboxPlatformState state) =>
        Error(state, CannotPostCode, CannotPostMessage, StatusCodes.Status403Forbidden);

    /// <summary>
    /// What TikTok requires of a direct post's <c>post_info</c>: a <c>privacy_level</c> among the creator's current
    /// options, the named brand toggles as booleans (the optional switches too, when given), and no branded content
    /// that only the creator can see. Null when the post may go.
    /// </summary>
    private static JsonHttpResult<object>? DirectPostProblem(
        SandboxPlatformState state, SandboxCreator creator, JsonElement postInfo, string[] requiredToggles)
    {
        if (!postInfo.TryGetProperty("privacy_level", out var level) || level.ValueKind != JsonValueKind.String || level.GetString() is not { Length: > 0 } privacyLevel)
        {
            return Error(state, "invalid_params", "post_info.privacy_level is required.", StatusCodes.Status400BadRequest);
        }

        foreach (var name in requiredToggles)
        {
            if (!IsBoolean(postInfo, name))
            {
                return Error(state, "invalid_params", $"post_info.{name} is required and must be a boolean.", StatusCodes.Status400BadRequest);
            }
        }

        foreach (var name in OptionalToggles)
        {
            if (postInfo.TryGetProperty(name, out _) && !IsBoolean(postInfo, name))
            {
                return Error(state, "invalid_params", $"post_info.{name} must be a boolean.", StatusCodes.Status400BadRequest);
            }
        }

        if (!creator.PrivacyLevelOptions.Contains(privacyLevel))
        {
            return Error(state, "privacy_level_option_mismatch",
                $"privacy_level {privacyLevel} is not one of the creator's privacy_level_options ({string.Join(", ", creator.PrivacyLevelOptions)}).",
                StatusCodes.Status400BadRequest);
        }

        if (privacyLevel == SelfOnly && postInfo.GetProperty("brand_content_toggle").ValueKind == JsonValueKind.True)
        {
            return Error(state, "invalid_params", "Branded content cannot be private: brand_content_toggle true needs a privacy_level other than SELF_ONLY.", StatusCodes.Status400BadRequest);
        }

        return null;
    }

    private static bool IsBoolean(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False;

    private static JsonHttpResult<object>? MissingScope(SandboxPlatformState state, SandboxToken token, string scope) =>
        token.Scopes.Contains(scope)
            ? null
            : Error(state, "scope_not_authorized", $"The user did not authorize the scope required for this request: {scope}.", StatusCodes.Status401Unauthorized);

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
        Answer(state, data, "ok", "", StatusCodes.Status200OK);

    /// <summary>The Open API's error shape.</summary>
    internal static JsonHttpResult<object> Error(SandboxPlatformState state, string code, string message, int status) =>
        Answer(state, new { }, code, message, status);

    /// <summary>The Open API's envelope: <c>data</c> and an <c>error</c> whose code is <c>ok</c> on success.</summary>
    private static JsonHttpResult<object> Answer(SandboxPlatformState state, object data, string code, string message, int status) =>
        TypedResults.Json<object>(
            new { data, error = new { code, message, log_id = SandboxIdentity.LogId(state.Now) } },
            SandboxJson.Options, statusCode: status);
}
