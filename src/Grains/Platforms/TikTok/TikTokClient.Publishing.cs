using static Layers.Platforms.PlatformJson;
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    private readonly ConcurrentDictionary<string, CreatorRead> _creatorReads = new(StringComparer.Ordinal);

    public async Task<PublishHandle> StartPublishAsync(string accessToken, PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (videoUrl, photoUrls) = MediaOf(request);
        string path;
        JsonObject body;
        switch (request.Mode)
        {
            case DirectPublishMode:
                // Privacy options and interaction settings depend on the account: read within the last minute.
                var creator = await QueryCreatorAsync(accessToken, cancellationToken);
                var privacy = ChoosePrivacy(creator);
                if (videoUrl is not null)
                {
                    path = "/v2/post/publish/video/init/";
                    body = new JsonObject
                    {
                        ["post_info"] = new JsonObject
                        {
                            ["title"] = request.Caption ?? "",
                            ["privacy_level"] = privacy,
                            ["disable_comment"] = Flag(creator, "comment_disabled"),
                            ["disable_duet"] = Flag(creator, "duet_disabled"),
                            ["disable_stitch"] = Flag(creator, "stitch_disabled"),
                            ["brand_content_toggle"] = false,
                            ["brand_organic_toggle"] = false,
                        },
                        ["source_info"] = new JsonObject { ["source"] = PullFromUrl, ["video_url"] = videoUrl },
                    };
                }
                else
                {
                    path = "/v2/post/publish/content/init/";
                    body = PhotoBody("DIRECT_POST", request.Caption, photoUrls, new JsonObject
                    {
                        ["privacy_level"] = privacy,
                        ["disable_comment"] = Flag(creator, "comment_disabled"),
                        ["auto_add_music"] = true,
                        ["brand_content_toggle"] = false,
                        ["brand_organic_toggle"] = false,
                    });
                }

                break;

            case DraftToDeviceMode:
                // Inbox uploads carry no privacy level: the creator picks it when finishing the post in the app.
                if (videoUrl is not null)
                {
                    path = "/v2/post/publish/inbox/video/init/";
                    body = new JsonObject
                    {
                        ["source_info"] = new JsonObject { ["source"] = PullFromUrl, ["video_url"] = videoUrl },
                    };
                }
                else
                {
                    path = "/v2/post/publish/content/init/";
                    body = PhotoBody("MEDIA_UPLOAD", request.Caption, photoUrls, new JsonObject());
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

    /// <summary>One video, or 1–35 images; anything else is a request this client cannot send.</summary>
    private static (string? VideoUrl, string[] PhotoUrls) MediaOf(PublishRequest request)
    {
        var videos = request.Assets.Where(a => a.Kind == "video").ToList();
        var images = request.Assets.Where(a => a.Kind == "image").Select(a => a.Url).ToArray();
        if (videos.Count == 1 && request.Assets.Count == 1)
        {
            return (videos[0].Url, []);
        }

        if (videos.Count == 0 && images.Length is > 0 and <= MaxPhotos && images.Length == request.Assets.Count)
        {
            return (null, images);
        }

        throw new ArgumentException("A TikTok post is one video or 1 to 35 images.", nameof(request));
    }

    private static JsonObject PhotoBody(string postMode, string? caption, string[] photoUrls, JsonObject postInfo)
    {
        // A photo post's title is short (90 characters); the caption is its description.
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
    /// one read (TikTok allows 20 a minute per token), and a failed read is not kept.
    /// </summary>
    private async Task<JsonElement> QueryCreatorAsync(string accessToken, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(accessToken)));
        var now = Environment.TickCount64;
        CreatorRead Fresh() => new(now, new Lazy<Task<JsonElement>>(() =>
            PostJsonAsync(ApiHttpClient, "/v2/post/publish/creator_info/query/", null, accessToken, "creator info query", cancellationToken)));
        if (_creatorReads.Count >= MaxCreatorReads)
        {
            _creatorReads.Clear();
        }

        var read = _creatorReads.AddOrUpdate(key, _ => Fresh(), (_, known) => known.UsableAt(now) ? known : Fresh());
        try
        {
            return await read.Answer.Value;
        }
        catch
        {
            _creatorReads.TryRemove(KeyValuePair.Create(key, read));
            throw;
        }
    }

    private sealed record CreatorRead(long ReadAtMs, Lazy<Task<JsonElement>> Answer)
    {
        public bool UsableAt(long nowMs) =>
            nowMs - ReadAtMs < (long)CreatorInfoFreshFor.TotalMilliseconds && !(Answer.IsValueCreated && (Answer.Value.IsFaulted || Answer.Value.IsCanceled));
    }

    private string ChoosePrivacy(JsonElement creator)
    {
        var options = creator.TryGetProperty("privacy_level_options", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.String).Select(o => o.GetString()!).ToList()
            : [];
        if (options.Count == 0)
        {
            throw Malformed("creator info query", "no privacy_level_options");
        }

        return options.Contains(PublicToEveryone) ? PublicToEveryone : options[0];
    }

    /// <summary>The creator's handle makes the public URL; without it the post is still published, just without a link.</summary>
    private async Task<string?> PostUrlAsync(string accessToken, string postId, CancellationToken cancellationToken)
    {
        try
        {
            var creator = await QueryCreatorAsync(accessToken, cancellationToken);
            return Text(creator, "creator_username") is { Length: > 0 } username
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
