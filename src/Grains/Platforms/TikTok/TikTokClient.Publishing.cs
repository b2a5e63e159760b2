using static Layers.Platforms.PlatformJson;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Layers.Common;
using Layers.Publishing;
using Microsoft.Extensions.Logging;

namespace Layers.Platforms.TikTok;

/// <summary>
/// The Content Posting API: creator info, init (direct video post, inbox upload, photo post) with
/// <c>PULL_FROM_URL</c>, status fetch; and the video query for metrics. Init calls go through the client without
/// retries: a repeated init would be a second post.
/// </summary>
internal sealed partial class TikTokClient
{
    public const string DirectPublishMode = "direct_publish";
    public const string DraftToDeviceMode = "draft_to_device";

    private const string PublicToEveryone = "PUBLIC_TO_EVERYONE";
    private const string PullFromUrl = "PULL_FROM_URL";
    private const string VideoQueryFields = "id,view_count,like_count,comment_count,share_count";
    private const int MaxPhotos = 35;

    /// <summary>Tokens whose creator info is kept; beyond this the memory starts over.</summary>
    private const int MaxCreatorReads = 10_000;

    private static readonly TimeSpan CreatorInfoFreshFor = TimeSpan.FromMinutes(1);

    private readonly BoundedDictionary<string, CreatorRead> _creatorReads = new(MaxCreatorReads, StringComparer.Ordinal);

    public async Task<PublishHandle> StartPublishAsync(string accessToken, PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (video, photoUrls) = MediaOf(request);
        string path;
        JsonObject body;
        switch (request.Mode)
        {
            case DirectPublishMode:
                // Privacy options and interaction settings depend on the account: read within the last minute.
                var creator = await QueryCreatorAsync(accessToken, cancellationToken);
                if (creator.Refusal is { } refusal)
                {
                    // The creator may not post right now (TikTok answers creator info so): nothing is sent.
                    throw new PlatformException(refusal.Message, refusal.PlatformCode, refusal.HttpStatus, refusal.Retryable) { NotSent = true };
                }

                var options = request.Options ?? PostOptions.None;
                var privacy = AllowedPrivacy(creator.Data, options);
                if (video is not null)
                {
                    path = "/v2/post/publish/video/init/";
                    var postInfo = new JsonObject
                    {
                        ["title"] = request.Caption ?? "",
                        ["privacy_level"] = privacy,
                        ["disable_comment"] = options.DisableComment == true || Flag(creator.Data, "comment_disabled"),
                        ["disable_duet"] = options.DisableDuet == true || Flag(creator.Data, "duet_disabled"),
                        ["disable_stitch"] = options.DisableStitch == true || Flag(creator.Data, "stitch_disabled"),
                        ["brand_content_toggle"] = options.BrandContentToggle ?? false,
                        ["brand_organic_toggle"] = options.BrandOrganicToggle ?? false,
                    };
                    if (options.VideoCoverTimestampMs is { } cover)
                    {
                        postInfo["video_cover_timestamp_ms"] = cover;
                    }

                    body = new JsonObject { ["post_info"] = postInfo, ["source_info"] = VideoSource(video!) };
                }
                else
                {
                    path = "/v2/post/publish/content/init/";
                    var postInfo = new JsonObject
                    {
                        ["privacy_level"] = privacy,
                        ["disable_comment"] = options.DisableComment == true || Flag(creator.Data, "comment_disabled"),
                        ["brand_content_toggle"] = options.BrandContentToggle ?? false,
                        ["brand_organic_toggle"] = options.BrandOrganicToggle ?? false,
                    };
                    if (options.AutoAddMusic is { } music)
                    {
                        postInfo["auto_add_music"] = music;
                    }

                    body = PhotoBody("DIRECT_POST", request.Caption, options.Title, photoUrls, postInfo);
                }

                break;

            case DraftToDeviceMode:
                // Inbox uploads carry no privacy level: the creator picks it when finishing the post in the app.
                if (video is not null)
                {
                    path = "/v2/post/publish/inbox/video/init/";
                    body = new JsonObject { ["source_info"] = VideoSource(video!) };
                }
                else
                {
                    path = "/v2/post/publish/content/init/";
                    body = PhotoBody("MEDIA_UPLOAD", request.Caption, request.Options?.Title, photoUrls, new JsonObject());
                }

                break;

            default:
                throw new ArgumentException($"TikTok has no publish mode '{request.Mode}'.", nameof(request));
        }

        var data = await PostJsonAsync(OAuthHttpClient, path, body, accessToken, "publish init", cancellationToken);
        var publishId = Text(data, "publish_id");
        if (string.IsNullOrEmpty(publishId))
        {
            throw Malformed("publish init", "no data.publish_id");
        }

        if (video is not null && Uploads(video))
        {
            await UploadAsync(Text(data, "upload_url") ?? throw Malformed("publish init", "no data.upload_url"), video, cancellationToken);
        }

        return new PublishHandle(publishId, request.PlatformUserId, request.Mode);
    }

    public async Task<PublishProgress> CheckPublishAsync(string accessToken, PublishHandle handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var data = await PostJsonAsync(ApiHttpClient, "/v2/post/publish/status/fetch/",
            new JsonObject { ["publish_id"] = handle.Id }, accessToken, "publish status fetch", cancellationToken);
        var status = Text(data, "status");
        switch (status)
        {
            case "PUBLISH_COMPLETE":
                // Live, but moderation may not have named the public post yet: then the id and URL come later.
                var postId = PostId(data);
                var url = postId is null ? null : await PostUrlAsync(accessToken, postId, cancellationToken);
                return new PublishProgress(PublishState.Published, postId, url, null, null, null);

            case "SEND_TO_USER_INBOX":
                return new PublishProgress(PublishState.Draft, handle.Id, null, null, null, null);

            case "FAILED":
                var reason = Text(data, "fail_reason") is { Length: > 0 } failReason ? failReason : "unknown";
                return new PublishProgress(PublishState.Failed, null, null,
                    ErrorCodeFor(reason), reason, $"TikTok could not publish the post: {reason}.");

            case "PROCESSING_DOWNLOAD" or "PROCESSING_UPLOAD":
                return new PublishProgress(PublishState.InProgress, null, null, null, null, null);

            default:
                // A status this client does not know yet is not an outcome; keep polling.
                LogUnknownStatus(logger, status);
                return new PublishProgress(PublishState.InProgress, null, null, null, null, $"TikTok reports status {status ?? "(none)"}.");
        }
    }

    public Task<PublishProgress> FinalizePublishAsync(string accessToken, PublishHandle handle, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("TikTok posts need no final publish call; poll the status until it is terminal.");

    public async Task<PostMetrics> GetMetricsAsync(string accessToken, string externalId, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["filters"] = new JsonObject { ["video_ids"] = new JsonArray(externalId) } };
        var data = await PostJsonAsync(ApiHttpClient, $"/v2/video/query/?fields={VideoQueryFields}", body, accessToken,
            "video query", cancellationToken);
        if (data.TryGetProperty("videos", out var videos) && videos.ValueKind == JsonValueKind.Array)
        {
            foreach (var video in videos.EnumerateArray())
            {
                if (video.ValueKind == JsonValueKind.Object && IdText(video, "id") == externalId)
                {
                    return new PostMetrics(
                        Number(video, "view_count") ?? 0,
                        Number(video, "like_count") ?? 0,
                        Number(video, "comment_count") ?? 0,
                        Number(video, "share_count") ?? 0);
                }
            }
        }

        throw new PlatformException($"TikTok has no video {externalId} for this account.", "video_not_found");
    }

    public bool ReadsAheadOfPublish(string mode) => mode == DirectPublishMode;

    public void ReadAheadOfPublish(string accessToken, string mode)
    {
        if (ReadsAheadOfPublish(mode))
        {
            // Nobody waits for this read: a failure is only observed here, and the hand-off will read again.
            _ = QueryCreatorAsync(accessToken, CancellationToken.None).ContinueWith(
                static read => _ = read.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>One video, or 1–35 images (the URLs TikTok pulls them from); anything else is a request this client cannot send.</summary>
    private (PublishAsset? Video, string[] PhotoUrls) MediaOf(PublishRequest request)
    {
        var videos = request.Assets.Where(a => a.Kind == "video").ToList();
        var images = request.Assets.Where(a => a.Kind == "image").Select(PullUrl).ToArray();
        if (videos.Count == 1 && request.Assets.Count == 1)
        {
            return (videos[0], []);
        }

        if (videos.Count == 0 && images.Length is > 0 and <= MaxPhotos && images.Length == request.Assets.Count)
        {
            return (null, images);
        }

        throw new ArgumentException("A TikTok post is one video or 1 to 35 images.", nameof(request));
    }

    private static JsonObject PhotoBody(string postMode, string? caption, string? title, string[] photoUrls, JsonObject postInfo)
    {
        // A photo post's title is short (90 characters); the caption is its description.
        if (title is not null)
        {
            postInfo["title"] = title;
        }

        postInfo["description"] = caption ?? "";
        return new JsonObject
        {
            ["post_info"] = postInfo,
            ["source_info"] = new JsonObject
            {
                ["source"] = PullFromUrl,
                ["photo_images"] = new JsonArray(photoUrls.Select(u => (JsonNode?)JsonValue.Create(u)).ToArray()),
                ["photo_cover_index"] = 0,
            },
            ["post_mode"] = postMode,
            ["media_type"] = "PHOTO",
        };
    }

    /// <summary>
    /// The creator's posting options, read at most once a minute per token: posts of one account due together share
    /// one read (TikTok allows 20 a minute per token), and a failed read is not kept. <paramref name="fresh"/> reads
    /// anew (the account's own once-a-minute read for a posting screen) and keeps that answer for the hand-offs.
    /// </summary>
    private async Task<CreatorAnswer> QueryCreatorAsync(string accessToken, CancellationToken cancellationToken, bool fresh = false)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(accessToken)));
        var now = Environment.TickCount64;
        CreatorRead Fresh() => new(now, new Lazy<Task<CreatorAnswer>>(() => ReadCreatorAsync(accessToken, cancellationToken)));
        var read = _creatorReads.AddOrUpdate(key, _ => Fresh(), (_, known) => !fresh && known.UsableAt(now) ? known : Fresh());
        try
        {
            var answer = await read.Answer.Value;
            if (answer.Refusal is not null)
            {
                // The creator may be allowed again at any moment: the next hand-off asks anew.
                _creatorReads.TryRemove(KeyValuePair.Create(key, read));
            }

            return answer;
        }
        catch
        {
            _creatorReads.TryRemove(KeyValuePair.Create(key, read));
            throw;
        }
    }

    /// <summary>
    /// <c>POST /v2/post/publish/creator_info/query/</c>. A creator who may not post now is answered on HTTP 200 with a
    /// posting-cap code and the usual data: the data is kept, with the refusal beside it.
    /// </summary>
    private async Task<CreatorAnswer> ReadCreatorAsync(string accessToken, CancellationToken cancellationToken)
    {
        const string Operation = "creator info query";
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiBase + "/v2/post/publish/creator_info/query/")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var (status, answer) = await SendAsync(ApiHttpClient, request, Operation, cancellationToken);
        PlatformException? refusal = null;
        try
        {
            ThrowOnError(status, answer, Operation);
        }
        catch (PlatformException e) when (status == 200 && e.Retryable && e is not PlatformAuthException)
        {
            refusal = e;
        }

        if (answer is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || PrivacyOptions(data).Count == 0)
        {
            throw refusal ?? Malformed(Operation, "no data.privacy_level_options");
        }

        return new CreatorAnswer(data.Clone(), refusal);
    }

    /// <summary>What creator info answered: the creator's settings, and why they may not post now (null when they may).</summary>
    private sealed record CreatorAnswer(JsonElement Data, PlatformException? Refusal);

    /// <summary>A read, shared while it runs and for a minute after; a failed one, or one saying the creator may not post, is read again.</summary>
    private sealed record CreatorRead(long ReadAtMs, Lazy<Task<CreatorAnswer>> Answer)
    {
        public bool UsableAt(long nowMs) =>
            nowMs - ReadAtMs < (long)CreatorInfoFreshFor.TotalMilliseconds && !(Answer.IsValueCreated && (Answer.Value.IsFaulted || Answer.Value.IsCanceled));
    }

    /// <summary>
    /// The post's privacy level (public when the partner chose none), which must be among the creator's options now:
    /// a level taken away since scheduling fails the post rather than going out another way.
    /// </summary>
    private static string AllowedPrivacy(JsonElement creator, PostOptions options)
    {
        var privacy = options.PrivacyLevel ?? PublicToEveryone;
        var offered = PrivacyOptions(creator);
        return offered.Contains(privacy)
            ? privacy
            : throw new PlatformException(
                $"The creator no longer offers privacy level {privacy} (now: {string.Join(", ", offered)}); the post was not sent.",
                TikTokErrors.PrivacyMismatch, 400) { NotSent = true };
    }

    /// <summary>The creator's handle makes the public URL; without it the post is still published, just without a link.</summary>
    private async Task<string?> PostUrlAsync(string accessToken, string postId, CancellationToken cancellationToken)
    {
        try
        {
            var creator = await QueryCreatorAsync(accessToken, cancellationToken);
            return Text(creator.Data, "creator_username") is { Length: > 0 } username
                ? $"https://www.tiktok.com/@{Uri.EscapeDataString(username)}/video/{postId}"
                : null;
        }
        catch (PlatformException e)
        {
            LogNoPostUrl(logger, e.PlatformCode);
            return null;
        }
    }

    /// <summary>The first public post id; the API spells the field <c>publicaly_available_post_id</c>.</summary>
    private static string? PostId(JsonElement data)
    {
        foreach (var name in (ReadOnlySpan<string>)["publicaly_available_post_id", "publicly_available_post_id"])
        {
            if (data.TryGetProperty(name, out var ids) && ids.ValueKind == JsonValueKind.Array)
            {
                foreach (var id in ids.EnumerateArray())
                {
                    var text = id.ValueKind switch
                    {
                        JsonValueKind.Number => id.GetRawText(),
                        JsonValueKind.String => id.GetString(),
                        _ => null,
                    };
                    if (!string.IsNullOrEmpty(text))
                    {
                        return text;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>POSTs a JSON body with the bearer token and returns the answer's <c>data</c> object; throws on any error.</summary>
    private async Task<JsonElement> PostJsonAsync(
        string clientName, string path, JsonObject? body, string accessToken, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiBase + path)
        {
            Content = new StringContent((body ?? []).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var (status, answer) = await SendAsync(clientName, request, operation, cancellationToken);
        ThrowOnError(status, answer, operation);
        if (answer is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(operation, "no data");
        }

        return data;
    }

    private static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string? IdText(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "TikTok reported an unknown publish status {Status}; treating it as still in progress")]
    private static partial void LogUnknownStatus(ILogger logger, string? status);

    [LoggerMessage(Level = LogLevel.Information, Message = "TikTok post published, but its URL could not be built: creator info failed with {PlatformCode}")]
    private static partial void LogNoPostUrl(ILogger logger, string? platformCode);
}
