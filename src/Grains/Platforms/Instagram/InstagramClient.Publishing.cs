using static Layers.Platforms.PlatformJson;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Layers.Platforms.Instagram;

/// <summary>
/// Content publishing: media containers (reel, image, carousel of images and videos), container status, the final
/// <c>media_publish</c>, and media insights. Writes send the access token in the form body, never in the URL, and go
/// through the client without retries; nothing is public before <c>media_publish</c>.
/// </summary>
internal sealed partial class InstagramClient
{
    public const string DirectPublishMode = "direct_publish";
    public const string ReelsMode = "reels";
    public const string FeedMode = "feed";

    private const string InsightMetrics = "views,likes,comments,shares";
    private const int MinCarouselItems = 2;
    private const int MaxCarouselItems = 10;

    /// <summary>
    /// Pauses between status reads of a carousel's video items, which must finish processing before the carousel
    /// container can name them (about a minute in all).
    /// </summary>
    private static readonly TimeSpan[] CarouselItemWaits =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8),
         TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15)];

    /// <summary>A container is created from the post itself; nothing is read before it.</summary>
    public bool ReadsAheadOfPublish(string mode) => false;

    public void ReadAheadOfPublish(string accessToken, string mode)
    {
    }

    public async Task<PublishHandle> StartPublishAsync(string accessToken, PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var assets = request.Assets;
        if (assets.Count == 0 || assets.Any(a => a.Kind is not ("video" or "image")))
        {
            throw new ArgumentException("An Instagram post needs videos or images.", nameof(request));
        }

        var user = request.PlatformUserId;
        string containerId;
        switch (request.Mode)
        {
            case ReelsMode or FeedMode when assets is [{ Kind: "video" } video]:
                // Instagram takes single videos only as reels; shared to the feed they are the feed video post.
                var shareToFeed = request.Mode == FeedMode || request.Options?.ShareToFeed != false;
                containerId = await CreateContainerAsync(accessToken, user,
                    [new("media_type", "REELS"), new("video_url", video.Url), new("caption", request.Caption ?? ""),
                     new("share_to_feed", shareToFeed ? "true" : "false"), .. OptionParameters(request.Options, reel: true)],
                    cancellationToken);
                break;

            case FeedMode when assets is [{ Kind: "image" } image]:
                containerId = await CreateContainerAsync(accessToken, user,
                    [new("image_url", image.Url), new("caption", request.Caption ?? ""), .. OptionParameters(request.Options, reel: false)],
                    cancellationToken);
                break;

            case FeedMode when assets.Count is >= MinCarouselItems and <= MaxCarouselItems:
                containerId = await CreateCarouselAsync(accessToken, user, request, cancellationToken);
                break;

            case ReelsMode or FeedMode:
                throw new ArgumentException(
                    $"Instagram {request.Mode} cannot carry {assets.Count} asset(s) of these kinds: a reel is one video, a feed post one image, one video or a carousel of 2 to 10.",
                    nameof(request));

            default:
                throw new ArgumentException($"Instagram has no publish mode '{request.Mode}'.", nameof(request));
        }

        return new PublishHandle(containerId, user, request.Mode);
    }

    public async Task<PublishProgress> CheckPublishAsync(string accessToken, PublishHandle handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var (statusCode, status) = await ContainerStatusAsync(accessToken, handle.Id, cancellationToken);
        switch (statusCode)
        {
            case "IN_PROGRESS":
                return new PublishProgress(PublishState.InProgress, null, null, null, null, null);

            case "FINISHED":
                return new PublishProgress(PublishState.ReadyToFinalize, null, null, null, null, null);

            case "PUBLISHED":
                // The container does not name the media it became; its id stands in for the post.
                return new PublishProgress(PublishState.Published, handle.Id, null, null, null, null);

            case "ERROR":
                // A container fails while Instagram processes the media; the reason is a code inside the status text.
                var code = ErrorCodeIn(status);
                var errorCode = code is null || InstagramErrors.IsMediaRejection(code)
                    ? PlatformErrors.MediaRejected
                    : PlatformErrors.PlatformError;
                return new PublishProgress(PublishState.Failed, null, null, errorCode, code ?? "ERROR",
                    $"Instagram could not process the media: {Truncate(status ?? "no reason given")}");

            case "EXPIRED":
                return new PublishProgress(PublishState.Failed, null, null, PlatformErrors.PlatformError, "EXPIRED",
                    "The Instagram media container was not published within 24 hours and expired.");

            default:
                LogUnknownStatus(logger, statusCode);
                return new PublishProgress(PublishState.InProgress, null, null, null, null,
                    $"Instagram reports container status {statusCode ?? "(none)"}.");
        }
    }

    public async Task<PublishProgress> FinalizePublishAsync(string accessToken, PublishHandle handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{GraphBase}/{_options.GraphVersion}/{Uri.EscapeDataString(handle.PlatformUserId)}/media_publish")
        {
            Content = new FormUrlEncodedContent([new("creation_id", handle.Id), new("access_token", accessToken)]),
        };
        var body = await SendAsync(OAuthHttpClient, request, "media publish", cancellationToken);
        var mediaId = Id(body, "id");
        if (string.IsNullOrEmpty(mediaId))
        {
            throw Malformed("media publish", "no id");
        }

        return new PublishProgress(PublishState.Published, mediaId, await PermalinkAsync(accessToken, mediaId, cancellationToken), null, null, null);
    }

    public async Task<PostMetrics> GetMetricsAsync(string accessToken, string externalId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"{GraphBase}/{_options.GraphVersion}/{Uri.EscapeDataString(externalId)}/insights?metric={InsightMetrics}&access_token={Uri.EscapeDataString(accessToken)}");
        var body = await SendAsync(ApiHttpClient, request, "media insights read", cancellationToken);
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        if (body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            foreach (var metric in data.EnumerateArray())
            {
                if (metric.ValueKind == JsonValueKind.Object && Text(metric, "name") is { } name && MetricValue(metric) is { } value)
                {
                    values[name] = value;
                }
            }
        }

        return new PostMetrics(
            values.GetValueOrDefault("views"),
            values.GetValueOrDefault("likes"),
            values.GetValueOrDefault("comments"),
            values.GetValueOrDefault("shares"));
    }

    private async Task<string> CreateCarouselAsync(string accessToken, string user, PublishRequest request, CancellationToken cancellationToken)
    {
        var children = new List<string>(request.Assets.Count);
        var videos = new List<string>();
        foreach (var asset in request.Assets)
        {
            KeyValuePair<string, string>[] item = asset.Kind == "video"
                ? [new("is_carousel_item", "true"), new("media_type", "VIDEO"), new("video_url", asset.Url)]
                : [new("is_carousel_item", "true"), new("image_url", asset.Url)];
            var child = await CreateContainerAsync(accessToken, user, item, cancellationToken);
            children.Add(child);
            if (asset.Kind == "video")
            {
                videos.Add(child);
            }
        }

        foreach (var video in videos)
        {
            await AwaitCarouselItemAsync(accessToken, video, cancellationToken);
        }

        return await CreateContainerAsync(accessToken, user,
            [new("media_type", "CAROUSEL"), new("children", string.Join(',', children)), new("caption", request.Caption ?? ""),
             .. OptionParameters(request.Options, reel: false)],
            cancellationToken);
    }

    /// <summary>
    /// Waits until a carousel's video item has finished processing. Nothing is public yet, so giving up (a retryable
    /// failure) is safe: a new attempt builds new containers.
    /// </summary>
    private async Task AwaitCarouselItemAsync(string accessToken, string containerId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (statusCode, status) = await ContainerStatusAsync(accessToken, containerId, cancellationToken);
            switch (statusCode)
            {
                case "FINISHED":
                    return;

                case "ERROR":
                    var code = ErrorCodeIn(status) ?? "ERROR";
                    throw new PlatformException($"Instagram could not process a carousel video: {Truncate(status ?? code)}", code);

                case "EXPIRED":
                    throw new PlatformException("A carousel video container of Instagram expired before the carousel was built.", "EXPIRED");
            }

            if (attempt >= CarouselItemWaits.Length)
            {
                throw new PlatformException("Instagram is still processing a carousel video; try again later.", statusCode, retryable: true);
            }

            await Task.Delay(CarouselItemWaits[attempt], cancellationToken);
        }
    }

    /// <summary><c>POST /{ig-user-id}/media</c>; returns the container id.</summary>
    private async Task<string> CreateContainerAsync(
        string accessToken, string user, KeyValuePair<string, string>[] parameters, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{GraphBase}/{_options.GraphVersion}/{Uri.EscapeDataString(user)}/media")
        {
            Content = new FormUrlEncodedContent([.. parameters, new("access_token", accessToken)]),
        };
        var body = await SendAsync(OAuthHttpClient, request, "media container creation", cancellationToken);
        return Id(body, "id") is { Length: > 0 } id ? id : throw Malformed("media container creation", "no id");
    }

    private async Task<(string? StatusCode, string? Status)> ContainerStatusAsync(
        string accessToken, string containerId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"{GraphBase}/{_options.GraphVersion}/{Uri.EscapeDataString(containerId)}?fields=status_code,status&access_token={Uri.EscapeDataString(accessToken)}");
        var body = await SendAsync(ApiHttpClient, request, "container status read", cancellationToken);
        return (Text(body, "status_code"), Text(body, "status"));
    }

    /// <summary>The post is public whatever happens here; a missing permalink only means a missing link.</summary>
    private async Task<string?> PermalinkAsync(string accessToken, string mediaId, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get,
                $"{GraphBase}/{_options.GraphVersion}/{Uri.EscapeDataString(mediaId)}?fields=permalink&access_token={Uri.EscapeDataString(accessToken)}");
            var body = await SendAsync(ApiHttpClient, request, "permalink read", cancellationToken);
            return Text(body, "permalink");
        }
        catch (Exception e) when (e is PlatformException or OperationCanceledException)
        {
            LogNoPermalink(logger, e.GetType().Name);
            return null;
        }
    }

    /// <summary><c>values[0].value</c> for lifetime metrics, <c>total_value.value</c> for totals.</summary>
    private static long? MetricValue(JsonElement metric)
    {
        if (metric.TryGetProperty("total_value", out var total) && total.ValueKind == JsonValueKind.Object
            && Number(total, "value") is { } sum)
        {
            return sum;
        }

        if (metric.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array
            && values.GetArrayLength() > 0 && values[0].ValueKind == JsonValueKind.Object)
        {
            return Number(values[0], "value");
        }

        return null;
    }

    /// <summary>The code in a status text such as "Error: Media upload has failed with error code 2207026".</summary>
    private static string? ErrorCodeIn(string? status)
    {
        if (string.IsNullOrEmpty(status))
        {
            return null;
        }

        var match = StatusErrorCode().Match(status);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static string Truncate(string text) =>
        text.Length > MaxPlatformMessageLength ? text[..MaxPlatformMessageLength] : text;

    [GeneratedRegex(@"(?:error code|code|subcode)\s*[:#]?\s*(\d{3,})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusErrorCode();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instagram reported an unknown container status {StatusCode}; treating it as still in progress")]
    private static partial void LogUnknownStatus(ILogger logger, string? statusCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instagram media published, but its permalink could not be read ({Reason})")]
    private static partial void LogNoPermalink(ILogger logger, string reason);
}
