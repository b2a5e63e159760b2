using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Layers.Media;

namespace Layers.Platforms.TikTok;

/// <summary>
/// How a post's media reach TikTok. TikTok pulls only from URL prefixes verified under the app, so by default it is
/// given the service's media proxy links; a video may instead be uploaded in chunks (<c>FILE_UPLOAD</c>), streamed from
/// the partner's URL one chunk at a time so that no whole file is ever held in memory.
/// </summary>
internal sealed partial class TikTokClient
{
    private const string FileUpload = "FILE_UPLOAD";

    /// <summary>A chunk of up to 128 MB at TikTok's 100 Mbps or better; a stalled chunk fails the upload.</summary>
    private static readonly TimeSpan ChunkTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The URL TikTok pulls an asset from: the proxy link unless the partner's URLs are given as they are.</summary>
    private string PullUrl(PublishAsset asset) =>
        _options.MediaTransfer == TikTokMediaTransfer.Direct || asset.PullUrl is null ? asset.Url : asset.PullUrl;

    /// <summary>Whether the video goes up in chunks: so configured, and its size known from the content's check.</summary>
    private bool Uploads(PublishAsset video) => _options.MediaTransfer == TikTokMediaTransfer.FileUpload && video.Bytes is > 0;

    private JsonObject VideoSource(PublishAsset video)
    {
        if (!Uploads(video))
        {
            return new JsonObject { ["source"] = PullFromUrl, ["video_url"] = PullUrl(video) };
        }

        var (chunkSize, count) = TikTokMediaTransfer.Plan(video.Bytes!.Value, _options.UploadChunkBytes);
        return new JsonObject
        {
            ["source"] = FileUpload,
            ["video_size"] = video.Bytes.Value,
            ["chunk_size"] = chunkSize,
            ["total_chunk_count"] = count,
        };
    }

    /// <summary>
    /// PUTs the video to <paramref name="uploadUrl"/> in the planned chunks, in order, each with its
    /// <c>Content-Range</c>; TikTok answers 206 until the last, then 201. The file is read from the partner once, as it
    /// is sent.
    /// </summary>
    private async Task UploadAsync(string uploadUrl, PublishAsset video, CancellationToken cancellationToken)
    {
        var size = video.Bytes!.Value;
        var (chunkSize, count) = TikTokMediaTransfer.Plan(size, _options.UploadChunkBytes);
        HttpResponseMessage source;
        try
        {
            source = await media.OpenAsync(new Uri(video.Url), null, cancellationToken);
        }
        catch (MediaUnreachableException e)
        {
            throw new PlatformException($"The video could not be read for the upload: {e.Message}", "video_pull_failed");
        }

        using (source)
        {
            if (MediaFetcher.TotalLength(source) != size)
            {
                throw new PlatformException("The video changed size since it was checked; it was not uploaded.", "invalid_file_upload");
            }

            await using var body = await source.Content.ReadAsStreamAsync(cancellationToken);
            var client = httpClients.CreateClient(UploadHttpClient);
            for (var i = 0; i < count; i++)
            {
                var first = i * chunkSize;
                var last = i == count - 1 ? size - 1 : first + chunkSize - 1;
                using var content = new StreamContent(new ChunkStream(body, last - first + 1));
                content.Headers.ContentType = new MediaTypeHeaderValue(video.MimeType ?? MediaTypes.Mp4);
                content.Headers.ContentLength = last - first + 1;
                content.Headers.ContentRange = new ContentRangeHeaderValue(first, last, size);
                using var request = new HttpRequestMessage(HttpMethod.Put, uploadUrl) { Content = content };
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(ChunkTimeout);
                HttpResponseMessage answer;
                try
                {
                    answer = await client.SendAsync(request, timeout.Token);
                }
                catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    // An upload cut short publishes nothing: TikTok takes the video only once every chunk is in.
                    throw new PlatformException($"Chunk {i + 1} of {count} could not be sent: {e.Message}", "upload_failed") { NotSent = true };
                }

                using var _ = answer;
                var expected = i == count - 1 ? HttpStatusCode.Created : HttpStatusCode.PartialContent;
                if (answer.StatusCode != expected)
                {
                    throw new PlatformException(
                        $"TikTok answered chunk {i + 1} of {count} with HTTP {(int)answer.StatusCode}; the video was not uploaded.",
                        "invalid_file_upload", (int)answer.StatusCode);
                }
            }
        }
    }
}
