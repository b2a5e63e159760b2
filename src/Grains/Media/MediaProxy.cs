using System.Net;
using System.Net.Http.Headers;
using Layers.Common;
using Layers.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Layers.Media;

/// <summary>
/// Opens the asset a media link names: the link must decrypt and be unexpired, and its post must be being handed off
/// at this moment (the platform fetches then; before and after, the link leads nowhere). The source is fetched with
/// the media client's guard, the caller's byte range passed on, and refused past the size cap.
/// </summary>
/// <remarks>
/// A platform fetches a post's file once it has taken the post, so in a burst the fetches of the posts handed off
/// first would share the processor with the hand-offs still to come. A fetch therefore waits, as the rest of the work
/// that follows a hand-off does, while any post in this silo is due and not yet handed off (at most
/// <see cref="HandOffPriority.DefaultMaxDeferral"/>), and is answered once the last of them has gone. A front without
/// a silo of its own has no posts to wait for.
/// </remarks>
public sealed partial class MediaProxy(
    MediaLinks links, MediaFetcher fetcher, IGrainFactory grains, [FromKeyedServices(LayersTime.Key)] TimeProvider time, ILogger<MediaProxy> logger,
    HandOffPriority? priority = null)
    : IMediaProxy
{
    public async Task<MediaDownload> OpenAsync(string token, string? range, bool headOnly, CancellationToken cancellationToken)
    {
        if (links.Read(token, time.GetUtcNow()) is not var (postId, index))
        {
            throw LayersException.NotFound("media link");
        }

        if (priority is not null)
        {
            await priority.YieldAsync().WaitAsync(cancellationToken);
        }

        if (await SourceAsync(postId, index, cancellationToken) is not { } source
            || !Uri.TryCreate(source, UriKind.Absolute, out var url))
        {
            throw LayersException.NotFound("media link");
        }

        HttpResponseMessage upstream;
        try
        {
            upstream = await fetcher.OpenAsync(url, Single(range), cancellationToken, headOnly);
        }
        catch (MediaUnreachableException e)
        {
            LogSourceFailed(logger, postId, index, e.Message);
            throw new LayersException(ErrorKind.Unavailable, "The media could not be fetched from its source right now.");
        }

        var total = MediaFetcher.TotalLength(upstream);
        var length = upstream.Content.Headers.ContentLength;
        if (total > fetcher.Options.MaxBytes || length is not >= 0)
        {
            upstream.Dispose();
            throw new LayersException(ErrorKind.PayloadTooLarge, length is null
                ? "The media's source does not say how large it is."
                : $"The media is larger than {MediaRules.Size(fetcher.Options.MaxBytes)}.");
        }

        var body = headOnly ? Stream.Null : await upstream.Content.ReadAsStreamAsync(cancellationToken);
        return new MediaDownload((int)upstream.StatusCode, upstream.Content.Headers.ContentType?.ToString() ?? "application/octet-stream",
            length.Value, upstream.StatusCode == HttpStatusCode.PartialContent ? upstream.Content.Headers.ContentRange?.ToString() : null,
            body, fetcher.Options.ReadTimeout, upstream);
    }

    /// <summary>The pauses before each new attempt of <see cref="SourceAsync"/>: 7.6 s in all.</summary>
    private static readonly TimeSpan[] SourcePauses = [.. new[] { 100, 500, 1000, 2000, 4000 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    /// <summary>
    /// The asset's source, from the post. A silo that stops or dies takes the calls passing through it with it, though
    /// the post lives on (or is activated again) elsewhere: such a call is made again, for up to 7.6 s (until the
    /// cluster has found the dead silo out and the post answers from another), so a platform's fetch does not fail for
    /// a silo it never asked for.
    /// </summary>
    private async Task<string?> SourceAsync(string postId, int index, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await grains.GetGrain<IScheduledPostGrain>(postId).MediaSourceAsync(index);
            }
            catch (Exception e) when (attempt < SourcePauses.Length
                && e is OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException or TimeoutException)
            {
                LogSourceRetried(logger, postId, index, e.GetType().Name);
                await Task.Delay(SourcePauses[attempt], cancellationToken);
            }
        }
    }

    /// <summary>The one byte range asked for, passed on as it is; several ranges or a malformed header ask for the whole file.</summary>
    private static RangeHeaderValue? Single(string? range) =>
        RangeHeaderValue.TryParse(range, out var parsed) && parsed is { Unit: "bytes", Ranges.Count: 1 } ? parsed : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Media proxy for post {ScheduledPostId} asset {AssetIndex}: the post did not answer ({Exception}); asking again")]
    private static partial void LogSourceRetried(ILogger logger, string scheduledPostId, int assetIndex, string exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media proxy for post {ScheduledPostId} asset {AssetIndex}: the source failed: {Reason}")]
    private static partial void LogSourceFailed(ILogger logger, string scheduledPostId, int assetIndex, string reason);
}
