using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

using static Layers.Sandbox.Instagram.InstagramGraphErrors;

namespace Layers.Sandbox.Instagram;

/// <summary>
/// Instagram content publishing, simulated under <c>/sandbox/instagram/{version}</c> with Graph's paths, parameters
/// and error shapes: media containers (<c>REELS</c>, image, <c>CAROUSEL</c> of image and <c>VIDEO</c> items),
/// container status, <c>media_publish</c>, the publishing limit, media fields and insights. Parameters come in the
/// query string or a form body; the token as <c>access_token</c> or a bearer header. Media is not downloaded.
/// </summary>
/// <remarks>
/// <para>
/// As strict as Instagram's documentation: each call needs its permission (insights need
/// <c>instagram_business_manage_insights</c>), an account publishes at most <see cref="PublishQuota"/> posts through
/// the API in any 24 hours of the sandbox's clock (<c>media_publish</c> beyond answers error 9, subcode 2207042), and a
/// Graph version past its end of life is refused (<see cref="InstagramGraphVersions"/>).
/// </para>
/// <para>
/// <c>POST /sandbox/instagram/control/fail-next-publish {code, handle?}</c> makes the next container creation (a
/// carousel item counts) fail with a Graph error code. Refused at creation: <c>190</c> (token invalidated, subcode
/// 460), <c>4</c>, <c>17</c>, <c>32</c>, <c>613</c>, <c>80002</c> (rate limits), <c>9</c> (daily publishing limit,
/// subcode 2207042), <c>1</c> (HTTP 500) and <c>2</c> (HTTP 503, transient), <c>10</c> (permission), <c>100</c>
/// (invalid parameter) and any other code. Media codes let the creation succeed and end the container (and its
/// carousel) in <c>ERROR</c> with that code in its <c>status</c>: <c>352</c>, <c>9004</c>, <c>36000</c>–<c>36004</c>
/// and every 2207xxx subcode (e.g. <c>2207026</c>). <c>POST /sandbox/instagram/control/containers/{id}/expire</c>
/// expires an unpublished container.
/// </para>
/// </remarks>
internal static class InstagramSandboxPublishApi
{
    public const string PublishScope = "instagram_business_content_publish";
    public const string InsightsScope = "instagram_business_manage_insights";
    public const string CommentsScope = "instagram_business_manage_comments";

    /// <summary>API-published posts an account may make in <see cref="QuotaWindow"/> (the documented content publishing limit).</summary>
    public const int PublishQuota = 50;

    /// <summary>The publishing limit counts the posts of the last 24 hours.</summary>
    public static readonly TimeSpan QuotaWindow = TimeSpan.FromHours(24);

    private const string BasicScope = "instagram_business_basic";
    private const string VersionSegment = "/{version:regex(^v\\d+\\.\\d+$)}";
    private const int MaxCaptionLength = 2200;
    private const int MinCarouselItems = 2;
    private const int MaxCarouselItems = 10;
    private const int MaxCollaborators = 3;

    private static readonly HashSet<string> PublishingLimitFields = new(StringComparer.Ordinal) { "quota_usage", "config" };

    private static readonly HashSet<string> ContainerFields = new(StringComparer.Ordinal) { "id", "status_code", "status" };

    private static readonly HashSet<string> MediaFields = new(StringComparer.Ordinal)
    {
        "id", "media_type", "media_product_type", "caption", "permalink", "shortcode", "timestamp", "username",
        "like_count", "comments_count", "media_url",
    };

    private static readonly string[] InsightMetrics = ["views", "likes", "comments", "shares", "saved", "reach", "total_interactions"];

    private static readonly HashSet<int> MediaFailureCodes = [352, 9004, 36000, 36001, 36002, 36003, 36004];

    public static RouteGroupBuilder MapInstagramSandboxPublishing(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(SandboxPlatform.Instagram.BasePath).ExcludeFromDescription().RefusingRetiredGraphVersions();
        group.MapPost(VersionSegment + "/{userId}/media", CreateContainerAsync);
        group.MapPost(VersionSegment + "/{userId}/media_publish", PublishAsync);
        group.MapGet(VersionSegment + "/{userId}/content_publishing_limit", PublishingLimit);
        group.MapGet(VersionSegment + "/{id}/insights", Insights);
        group.MapPost(VersionSegment + "/{mediaId}/comments", CommentAsync);
        group.MapPost("/control/fail-next-comment", (SandboxFailNextPublish body, SandboxState sandbox) =>
        {
            var code = body.Code?.Trim() ?? "";
            string? handle = null;
            if (!AcceptsFailureCode(code) || (body.Handle is not null && !SandboxIdentity.TryNormalizeHandle(body.Handle, out handle)))
            {
                return (IResult)TypedResults.BadRequest(new { error = "code must be a Graph error code, handle a sandbox handle." });
            }

            return TypedResults.Ok(new { code, handle, armed = sandbox.Instagram.Publishing.ArmComment(new SandboxPublishFailure(code, handle)) });
        });
        group.MapGet(VersionSegment + "/{id}", NodeAsync);
        group.MapPost("/control/containers/{id}/expire", (string id, SandboxState sandbox) =>
            sandbox.Instagram.Publishing.Expire(id)
                ? (IResult)TypedResults.Ok(new { id, statusCode = "EXPIRED" })
                : TypedResults.NotFound(new { error = "No unpublished container has this id." }));
        group.MapSandboxPublishControl(s => s.Instagram, AcceptsFailureCode);
        return group;
    }

    /// <summary>Graph error codes are integers.</summary>
    public static bool AcceptsFailureCode(string code) => int.TryParse(code, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    /// <summary><c>POST /{ig-user-id}/media</c>: creates a media container and answers its id.</summary>
    public static async Task<IResult> CreateContainerAsync(string userId, HttpRequest request, SandboxState sandbox, SandboxMedia media, CancellationToken cancellationToken)
    {
        var state = sandbox.Instagram;
        var parameters = await ParametersAsync(request, cancellationToken);
        var (token, refused) = Authorize(request, parameters, state, userId, PublishScope);
        if (refused is not null)
        {
            return refused;
        }

        var handle = token!.Handle;
        var caption = parameters.GetValueOrDefault("caption");
        if (caption?.Length > MaxCaptionLength)
        {
            return GraphError(100, $"(#100) The caption is longer than {MaxCaptionLength} characters.");
        }

        var isItem = parameters.GetValueOrDefault("is_carousel_item") == "true";
        var mediaType = parameters.GetValueOrDefault("media_type")?.ToUpperInvariant() ?? "IMAGE";
        var mode = "feed";
        IReadOnlyList<SandboxAsset> assets;
        string[] children = [];
        switch (mediaType)
        {
            case "IMAGE":
                if (MediaUrl(parameters, "image_url") is not { } image)
                {
                    return MissingMedia("image_url");
                }

                assets = [new SandboxAsset("image", image)];
                break;

            case "REELS" when !isItem:
            case "VIDEO" when isItem:
                if (MediaUrl(parameters, "video_url") is not { } video)
                {
                    return MissingMedia("video_url");
                }

                assets = [new SandboxAsset("video", video)];
                mode = "reels";
                break;

            case "VIDEO":
                return GraphError(100, "(#100) The VIDEO media type is not supported for single posts; use REELS.", subcode: 2207023);

            case "CAROUSEL" when !isItem:
                children = (parameters.GetValueOrDefault("children") ?? "")
                    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var items = children.Length is >= MinCarouselItems and <= MaxCarouselItems
                    ? state.Publishing.ClaimCarouselItems(children, handle)
                    : null;
                if (items is null)
                {
                    return GraphError(100, $"(#100) children must name {MinCarouselItems} to {MaxCarouselItems} unused carousel item containers of this user.");
                }

                assets = [.. items.SelectMany(i => i.Assets)];
                break;

            default:
                return GraphError(100, $"(#100) media_type {mediaType} is not supported here.", subcode: 2207023);
        }

        if (OptionProblem(parameters, mediaType) is { } optionProblem)
        {
            return optionProblem;
        }

        var failure = state.Publishing.TakeFailure(handle);
        int? failCode = failure is null ? null : int.Parse(failure, CultureInfo.InvariantCulture);
        if (failCode is { } code && !IsMediaFailure(code))
        {
            return ArmedError(code);
        }

        var id = "178" + state.Publishing.NextNumber().ToString("D14", CultureInfo.InvariantCulture);
        state.Publishing.Add(new SandboxPublish(id, handle, SandboxIdentity.InstagramUserId(handle), mode,
            mediaType, isItem ? null : caption, assets)
        {
            ReceivedAt = state.Now,
            IsCarouselItem = isItem,
            Children = children,
            FailCode = failure,
            MediaCheck = mediaType == "CAROUSEL" ? null : SandboxMediaCheck.Of(CheckMediaAsync(media, assets[0])),
            Received = parameters.Where(p => p.Key != "access_token").ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
        });
        return TypedResults.Json(new { id }, SandboxJson.Options);
    }

    /// <summary>
    /// <c>POST /{ig-user-id}/media_publish?creation_id=</c>: publishes a finished container, once, while the account is
    /// within its publishing limit.
    /// </summary>
    public static async Task<IResult> PublishAsync(string userId, HttpRequest request, SandboxState sandbox, CancellationToken cancellationToken)
    {
        var state = sandbox.Instagram;
        var parameters = await ParametersAsync(request, cancellationToken);
        var (token, refused) = Authorize(request, parameters, state, userId, PublishScope);
        if (refused is not null)
        {
            return refused;
        }

        if (parameters.GetValueOrDefault("creation_id") is not { Length: > 0 } creationId)
        {
            return GraphError(100, "(#100) The parameter creation_id is required.");
        }

        var publishing = state.Publishing;
        var (outcome, mediaId) = publishing.InstagramPublish(creationId, token!.Handle,
            () => "179" + publishing.NextNumber().ToString("D14", CultureInfo.InvariantCulture), state.Now, PublishQuota, QuotaWindow);
        return outcome switch
        {
            SandboxMediaPublishOutcome.Published => TypedResults.Json(new { id = mediaId }, SandboxJson.Options),
            SandboxMediaPublishOutcome.NotFound => NoSuchObject(creationId, "post"),
            SandboxMediaPublishOutcome.CarouselItem => GraphError(100, "(#100) A carousel item is published only as part of its carousel."),
            SandboxMediaPublishOutcome.AlreadyPublished => GraphError(100, "(#100) This media container has already been published."),
            SandboxMediaPublishOutcome.QuotaReached => GraphError(9, "The account has reached its limit of API-published posts.", subcode: 2207042),
            SandboxMediaPublishOutcome.Expired => GraphError(-2, "The media you are trying to access has expired. Please try to upload again.", subcode: 2207020),
            _ => GraphError(9007, "Media ID is not available", subcode: 2207027),
        };
    }

    /// <summary>
    /// <c>GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config&amp;since=</c>: the posts published
    /// through the API in the last 24 hours (or since <c>since</c>, no older than that) and the limit; without
    /// <c>fields</c> only <c>quota_usage</c>, as documented.
    /// </summary>
    public static IResult PublishingLimit(string userId, HttpRequest request, SandboxState sandbox)
    {
        var state = sandbox.Instagram;
        var (token, refused) = Authorize(request, Query(request), state, userId, PublishScope);
        if (refused is not null)
        {
            return refused;
        }

        var fields = request.Query["fields"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.FirstOrDefault(f => !PublishingLimitFields.Contains(f)) is { } unknown)
        {
            return GraphError(100, $"(#100) Tried accessing nonexisting field ({unknown}) on node type (ContentPublishingLimitResponse)");
        }

        var now = state.Now;
        var since = now - QuotaWindow;
        if (request.Query["since"].ToString() is { Length: > 0 } raw)
        {
            if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                || seconds < since.ToUnixTimeSeconds() || seconds > now.ToUnixTimeSeconds())
            {
                return GraphError(100, "(#100) since must be a Unix timestamp no older than 24 hours.");
            }

            since = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        var limit = new Dictionary<string, object>(StringComparer.Ordinal);
        if (fields.Length == 0 || fields.Contains("quota_usage"))
        {
            limit["quota_usage"] = state.Publishing.PublishedSince(token!.Handle, since);
        }

        if (fields.Contains("config"))
        {
            limit["config"] = new { quota_total = PublishQuota, quota_duration = (long)QuotaWindow.TotalSeconds };
        }

        return TypedResults.Json(new { data = new[] { limit } }, SandboxJson.Options);
    }

    /// <summary><c>GET /{container-id}?fields=status_code,status</c> or <c>GET /{media-id}?fields=…</c>.</summary>
    public static async Task<IResult> NodeAsync(string id, HttpRequest request, SandboxState sandbox)
    {
        var state = sandbox.Instagram;
        var (token, refused) = Authorize(request, Query(request), state, userId: null, BasicScope);
        if (refused is not null)
        {
            return refused;
        }

        var handle = token!.Handle;
        var fields = request.Query["fields"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = id };
        if (state.Publishing.Find(id, handle) is not null)
        {
            if (fields.FirstOrDefault(f => !ContainerFields.Contains(f)) is { } unknown)
            {
                return GraphError(100, $"(#100) Tried accessing nonexisting field ({unknown}) on node type (ShadowIGMediaBuilder)");
            }

            if (fields.Contains("status_code") || fields.Contains("status"))
            {
                // A container's status is answered after a short look at a download still being checked.
                await state.Publishing.SettleMediaAsync(id, TimeSpan.FromSeconds(2));
                var (statusCode, errorCode) = state.Publishing.InstagramStatus(id, handle)!.Value;
                if (fields.Contains("status_code"))
                {
                    values["status_code"] = statusCode;
                }

                if (fields.Contains("status"))
                {
                    values["status"] = StatusText(statusCode, errorCode);
                }
            }

            return TypedResults.Json(values, SandboxJson.Options);
        }

        if (state.Publishing.FindPost(id, handle) is not { } post)
        {
            return NoSuchObject(id, "get");
        }

        if (fields.FirstOrDefault(f => !MediaFields.Contains(f)) is { } missing)
        {
            return GraphError(100, $"(#100) Tried accessing nonexisting field ({missing}) on node type (IGMedia)");
        }

        var reel = post.Kind == "REELS";
        var shortcode = Shortcode(id);
        foreach (var field in fields)
        {
            values[field] = field switch
            {
                "media_type" => post.Kind switch { "REELS" => "VIDEO", "CAROUSEL" => "CAROUSEL_ALBUM", _ => "IMAGE" },
                "media_product_type" => reel ? "REELS" : "FEED",
                "caption" => post.Caption,
                "permalink" => $"https://www.instagram.com/{(reel ? "reel" : "p")}/{shortcode}/",
                "shortcode" => shortcode,
                "timestamp" => state.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss+0000", CultureInfo.InvariantCulture),
                "username" => post.Handle,
                "like_count" => 0,
                "comments_count" => 0,
                "media_url" => post.Assets.Count > 0 ? post.Assets[0].Url : null,
                _ => id,
            };
        }

        return TypedResults.Json(values, SandboxJson.Options);
    }

    /// <summary>
    /// <c>GET /{media-id}/insights?metric=…</c>: lifetime counters that grow with each read. Needs
    /// <c>instagram_business_manage_insights</c>, as Instagram does: a token that can only publish has no metrics.
    /// </summary>
    public static IResult Insights(string id, HttpRequest request, SandboxState sandbox)
    {
        var state = sandbox.Instagram;
        var (token, refused) = Authorize(request, Query(request), state, userId: null, InsightsScope);
        if (refused is not null)
        {
            return refused;
        }

        var metrics = request.Query["metric"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (metrics.Length == 0)
        {
            return GraphError(100, "(#100) The parameter metric is required.");
        }

        var unknown = Array.FindIndex(metrics, m => !InsightMetrics.Contains(m));
        if (unknown >= 0)
        {
            return GraphError(100, $"(#100) metric[{unknown}] must be one of the following values: {string.Join(", ", InsightMetrics)}");
        }

        if (state.Publishing.FindPost(id, token!.Handle) is null || state.Publishing.ReadMetrics(id, token.Handle) is not { } reads)
        {
            return NoSuchObject(id, "get");
        }

        var counters = SandboxMetrics.AfterReads(reads);
        var data = metrics.Select(name => new
        {
            name,
            period = "lifetime",
            values = new[]
            {
                new
                {
                    value = name switch
                    {
                        "views" => counters.Views,
                        "reach" => counters.Views * 4 / 5,
                        "likes" => counters.Likes,
                        "comments" => counters.Comments,
                        "shares" => counters.Shares,
                        "saved" => counters.Saves,
                        _ => counters.Likes + counters.Comments + counters.Shares + counters.Saves,
                    },
                },
            },
            title = name,
            description = $"The number of {name} of the media.",
            id = $"{id}/insights/{name}/lifetime",
        });
        return TypedResults.Json(new { data }, SandboxJson.Options);
    }

    /// <summary>
    /// <c>POST /{ig-media-id}/comments?message=</c>: a comment under the user's own published media. Needs
    /// <c>instagram_business_manage_comments</c>; a failure armed with <c>control/fail-next-comment</c> answers instead.
    /// </summary>
    public static async Task<IResult> CommentAsync(string mediaId, HttpRequest request, SandboxState sandbox, CancellationToken cancellationToken)
    {
        var state = sandbox.Instagram;
        var parameters = await ParametersAsync(request, cancellationToken);
        var (token, refused) = Authorize(request, parameters, state, userId: null, CommentsScope);
        if (refused is not null)
        {
            return refused;
        }

        if (parameters.GetValueOrDefault("message") is not { Length: > 0 } message)
        {
            return GraphError(100, "(#100) The parameter message is required.");
        }

        var publishing = state.Publishing;
        var (comment, failure) = publishing.Comment(mediaId, token!.Handle, message,
            () => "180" + publishing.NextNumber().ToString("D14", CultureInfo.InvariantCulture), state.Now);
        if (failure is not null)
        {
            return ArmedError(int.Parse(failure, CultureInfo.InvariantCulture));
        }

        return comment is null ? NoSuchObject(mediaId, "post") : TypedResults.Json(new { id = comment.Id }, SandboxJson.Options);
    }

    /// <summary>
    /// The container parameters that carry a post's options, checked as the content publishing reference describes
    /// them: <c>share_to_feed</c> a boolean, <c>thumb_offset</c> milliseconds, <c>cover_url</c> a URL (these three on
    /// reels only), <c>collaborators</c> a JSON array of at most three usernames, <c>location_id</c> a page id.
    /// </summary>
    private static JsonHttpResult<object>? OptionProblem(IReadOnlyDictionary<string, string> parameters, string mediaType)
    {
        var reel = mediaType == "REELS";
        foreach (var name in (ReadOnlySpan<string>)["share_to_feed", "thumb_offset", "cover_url"])
        {
            if (parameters.ContainsKey(name) && !reel)
            {
                return GraphError(100, $"(#100) {name} is supported for REELS only.");
            }
        }

        if (parameters.GetValueOrDefault("share_to_feed") is { } share && share is not ("true" or "false"))
        {
            return GraphError(100, "(#100) share_to_feed must be a boolean.");
        }

        if (parameters.GetValueOrDefault("thumb_offset") is { } offset && !long.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return GraphError(100, "(#100) thumb_offset must be a number of milliseconds.");
        }

        if (parameters.ContainsKey("cover_url") && MediaUrl(parameters, "cover_url") is null)
        {
            return GraphError(100, "(#100) cover_url must be an http(s) URL.");
        }

        if (parameters.GetValueOrDefault("collaborators") is { } list)
        {
            string[]? names;
            try
            {
                names = System.Text.Json.JsonSerializer.Deserialize<string[]>(list);
            }
            catch (System.Text.Json.JsonException)
            {
                names = null;
            }

            if (names is null || names.Length > MaxCollaborators || names.Any(n => !SandboxIdentity.TryNormalizeHandle(n, out _)))
            {
                return GraphError(100, $"(#100) collaborators must be a JSON array of at most {MaxCollaborators} usernames.");
            }
        }

        if (parameters.GetValueOrDefault("location_id") is { } location && (location.Length == 0 || !location.All(char.IsAsciiDigit)))
        {
            return GraphError(100, "(#100) location_id must be the id of a location page.");
        }

        return null;
    }

    /// <summary>Instagram fetches the container's file and checks it; the container is in progress until it has.</summary>
    private static async Task<string?> CheckMediaAsync(SandboxMedia media, SandboxAsset asset)
    {
        var file = (await media.DownloadAsync([asset.Url], asset.Kind,
            asset.Kind == "image" ? InstagramMediaRules.MaxImageBytes : InstagramMediaRules.MaxReelBytes))[0];
        return asset.Kind == "image" ? InstagramMediaRules.ImageFailure(file.Facts, file.Problem) : InstagramMediaRules.ReelFailure(file.Facts, file.Problem);
    }

    private static bool IsMediaFailure(int code) => MediaFailureCodes.Contains(code) || code is >= 2207000 and < 2208000;

    /// <summary>The Graph error for a failure armed by the control endpoint.</summary>
    private static JsonHttpResult<object> ArmedError(int code) => code switch
    {
        190 => GraphError(190, "Error validating access token: The session has been invalidated because the user changed their password or the session was changed for security reasons.", subcode: 460),
        4 => GraphError(4, "(#4) Application request limit reached"),
        9 => GraphError(9, "You reached maximum number of posts that is allowed to be published by Content Publishing API.", subcode: 2207042),
        17 => GraphError(17, "(#17) User request limit reached"),
        32 => GraphError(32, "(#32) Page request limit reached"),
        613 => GraphError(613, "(#613) Calls to this api have exceeded the rate limit."),
        80002 => GraphError(80002, "There have been too many calls to this Instagram account. Wait a bit and try again."),
        1 => GraphError(1, "An unknown error occurred", transient: true, status: StatusCodes.Status500InternalServerError),
        2 => GraphError(2, "Service temporarily unavailable", transient: true, status: StatusCodes.Status503ServiceUnavailable),
        10 => GraphError(10, "(#10) Application does not have permission for this action"),
        _ => GraphError(code, $"(#{code}) The sandbox was asked to refuse this request."),
    };

    private static string StatusText(string statusCode, string? errorCode) => statusCode switch
    {
        "IN_PROGRESS" => "In Progress: Media is still being processed.",
        "FINISHED" => "Finished: Media has been uploaded and it is ready to be published.",
        "PUBLISHED" => "Published: Media has been successfully published.",
        "EXPIRED" => "Expired: Media was not published within 24 hours.",
        _ => $"Error: Media upload has failed with error code {errorCode}",
    };

    /// <summary>
    /// The token (form, query or bearer header), checked like the profile endpoint checks it; the scope; and, for an
    /// edge of a user, that the user is the token's.
    /// </summary>
    private static (SandboxToken? Token, IResult? Refused) Authorize(
        HttpRequest request, IReadOnlyDictionary<string, string> parameters, SandboxPlatformState state, string? userId, string scope)
    {
        var presented = parameters.GetValueOrDefault("access_token") ?? "";
        var header = request.Headers.Authorization.ToString();
        if (presented.Length == 0 && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = header[7..].Trim();
        }

        var check = state.Check(presented, SandboxTokenKind.ShortLived, SandboxTokenKind.LongLived);
        if (!check.IsValid)
        {
            return (null, TokenError(check));
        }

        var token = check.Value!;
        if (!token.Scopes.Contains(scope))
        {
            // Graph's own words: it does not say which permission is missing.
            return (null, GraphError(10, "(#10) Application does not have permission for this action", status: StatusCodes.Status403Forbidden));
        }

        if (userId is not null)
        {
            var user = state.User(token.Handle);
            if (userId != user.PlatformUserId)
            {
                return (null, NoSuchObject(userId, "post"));
            }

            if (user.AccountType == "PERSONAL")
            {
                return (null, GraphError(10, "(#10) The user is not an Instagram Business or Creator account; personal accounts cannot publish through the API."));
            }
        }

        return (token, null);
    }

    private static JsonHttpResult<object> NoSuchObject(string id, string verb) =>
        GraphError(100,
            $"Unsupported {verb} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
            subcode: 33);

    private static JsonHttpResult<object> MissingMedia(string parameter) =>
        GraphError(9004, $"Media could not be fetched from this uri: {parameter} must be an http(s) URL.", subcode: 2207052);

    /// <summary>Query parameters overlaid by form fields, as Graph accepts either.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> ParametersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var parameters = Query(request);
        if (request.HasFormContentType)
        {
            foreach (var (key, value) in await request.ReadFormAsync(cancellationToken))
            {
                parameters[key] = value.ToString();
            }
        }

        return parameters;
    }

    private static Dictionary<string, string> Query(HttpRequest request) =>
        request.Query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    private static string? MediaUrl(IReadOnlyDictionary<string, string> parameters, string name) =>
        parameters.GetValueOrDefault(name) is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? url
            : null;

    /// <summary>A shortcode for the permalink, derived from the media id.</summary>
    private static string Shortcode(string mediaId)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, long.TryParse(mediaId, CultureInfo.InvariantCulture, out var number) ? number : mediaId.GetHashCode(StringComparison.Ordinal));
        return Base64Url.EncodeToString(bytes);
    }
}
