using System.Net.Http.Headers;
using Layers.Publishing;

namespace Layers.Media;

/// <summary>
/// Reads what a media file is without downloading it: the first 64 KiB (type by signature, else by
/// <c>Content-Type</c>; an image's size), the file's length from the answer's headers, and for MP4 and QuickTime the
/// movie header wherever it lies, reached by range requests that skip the media data.
/// </summary>
public sealed class MediaProbe(MediaFetcher fetcher)
{
    private const int HeadBytes = 64 * 1024;
    private const int BoxHeaderWindow = 4096;
    private const int MaxMovieBytes = 32 << 20;
    private const int MaxHops = 16;

    /// <summary>The file's facts, or the problem that keeps it from being read.</summary>
    public async Task<(MediaFacts? Facts, AssetProblem? Problem)> ProbeAsync(ContentAsset asset, string path, CancellationToken cancellationToken)
    {
        AssetProblem Problem(string code, string message) => new(path, code, message);
        if (!Uri.TryCreate(asset.Url, UriKind.Absolute, out var url))
        {
            return (null, Problem(AssetProblemCodes.MediaUnreachable, "The URL is not absolute."));
        }

        try
        {
            byte[] head;
            long? total;
            string? declared;
            using (var response = await fetcher.OpenAsync(url, new RangeHeaderValue(0, HeadBytes - 1), cancellationToken))
            {
                total = MediaFetcher.TotalLength(response);
                declared = MediaTypes.Normalize(response.Content.Headers.ContentType?.MediaType);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                head = await MediaFetcher.ReadUpToAsync(body, HeadBytes, cancellationToken);
            }

            if (total is not { } bytes)
            {
                return (null, Problem(AssetProblemCodes.MediaUnreachable, $"{url.Host} does not say how large the file is (no Content-Length or Content-Range)."));
            }

            var type = MediaTypes.Sniff(head) ?? declared ?? "application/octet-stream";
            var isVideo = MediaTypes.IsVideo(type);
            if (isVideo != (asset.Kind == "video") || !(isVideo || type.StartsWith("image/", StringComparison.Ordinal)))
            {
                return (null, Problem(AssetProblemCodes.MediaTypeNotSupported, $"The file is {type}, not {(asset.Kind == "video" ? "a video" : "an image")}."));
            }

            if (type is MediaTypes.Mp4 or MediaTypes.QuickTime)
            {
                if (await ReadMovieAsync(url, head, bytes, cancellationToken) is not var (durationMs, width, height, frameRate))
                {
                    return (null, Problem(AssetProblemCodes.MediaTypeNotSupported, $"The file is not a readable {type}: it has no movie header (moov)."));
                }

                return (new MediaFacts(type, bytes, durationMs, width, height, frameRate), null);
            }

            var picture = ImageHeader.Read(type, head);
            return (new MediaFacts(type, bytes, null, picture?.Width, picture?.Height, null), null);
        }
        catch (MediaUnreachableException e)
        {
            return (null, Problem(AssetProblemCodes.MediaUnreachable, e.Message));
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return (null, Problem(AssetProblemCodes.MediaUnreachable, $"{url.Host} broke off the transfer: {e.Message}"));
        }
    }

    /// <summary>Follows the top-level boxes from the start of the file to the movie header and reads it.</summary>
    private async Task<(long? DurationMs, int? Width, int? Height, double? FrameRate)?> ReadMovieAsync(
        Uri url, byte[] head, long total, CancellationToken cancellationToken)
    {
        var window = head;
        long windowOffset = 0, next = 0;
        for (var hop = 0; hop < MaxHops; hop++)
        {
            var boxes = Mp4Header.TopLevel(window, windowOffset, next, total);
            if (boxes.Count == 0)
            {
                return null;
            }

            var last = boxes[^1];
            if (last.Type == "moov")
            {
                if (last.Size > MaxMovieBytes)
                {
                    return null;
                }

                var start = last.Offset - windowOffset;
                var moov = start + last.Size <= window.Length
                    ? window.AsSpan((int)start, (int)last.Size).ToArray()
                    : await fetcher.ReadRangeAsync(url, last.Offset, (int)last.Size, cancellationToken);
                return Mp4Header.ReadMovie(moov);
            }

            next = last.Offset + last.Size;
            if (next >= total)
            {
                return null;
            }

            window = await fetcher.ReadRangeAsync(url, next, BoxHeaderWindow, cancellationToken);
            windowOffset = next;
        }

        return null;
    }
}
