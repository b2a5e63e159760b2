using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using Layers.Media;

namespace Layers.Sandbox.TikTok;

/// <summary>
/// How a video init names its source (<c>source_info</c>), and the <c>FILE_UPLOAD</c> chunk endpoint, held to the Media
/// Transfer Guide (developers.tiktok.com/doc/content-posting-api-media-transfer-guide): <c>PULL_FROM_URL</c> only from
/// a verified URL prefix (403 <c>url_ownership_unverified</c>); for uploads, chunks of 5 to 64 MB, a file under 5 MB in
/// one chunk, the last chunk taking the trailing bytes up to 128 MB, 1 to 1,000 chunks,
/// <c>total_chunk_count</c> = <c>video_size</c> / <c>chunk_size</c> rounded down; chunks PUT in order with
/// <c>Content-Range</c>, answered 206 until the last (201), 416 out of order, 403 once the hour the upload URL lives has
/// passed. Bytes are counted, not kept, beyond the first and last megabyte, where the header lies.
/// </summary>
internal static class TikTokSandboxUploadApi
{
    private const long MinChunk = 5L << 20;
    private const long MaxChunk = 64L << 20;
    private const long MaxLastChunk = 128L << 20;
    private const int MaxChunks = 1000;
    private static readonly TimeSpan UploadUrlLifetime = TimeSpan.FromHours(1);
    private static readonly string[] UploadTypes = [MediaTypes.Mp4, MediaTypes.QuickTime, MediaTypes.WebM];

    /// <summary>A video init's source: the URL to pull, or the upload to expect; or why it is refused.</summary>
    public sealed record Source(IReadOnlyList<SandboxAsset> Assets, string? PullUrl, TikTokUpload? Upload, IResult? Refused, int? CreatorMaxSeconds)
    {
        /// <summary>The download and check of a pulled video (an upload is checked when its last chunk arrives).</summary>
        public Func<Task<string?>>? Check(SandboxMedia media) => PullUrl is not { } url
            ? null
            : async () => (await media.DownloadAsync([url], "video", TikTokMediaRules.MaxVideoBytes)) is [var file] ? TikTokMediaRules.VideoFailure(file.Facts, file.Problem, CreatorMaxSeconds) : "video_pull_failed";
    }

    public static Source ReadVideoSource(SandboxPlatformState state, SandboxMedia media, JsonElement body, int? creatorMaxSeconds)
    {
        Source Refuse(string code, string message, int status) => new([], null, null, TikTokSandboxPublishApi.Error(state, code, message, status), null);
        if (!body.TryGetProperty("source_info", out var source) || source.ValueKind != JsonValueKind.Object
            || !source.TryGetProperty("source", out var kind) || kind.ValueKind != JsonValueKind.String)
        {
            return Refuse("invalid_params", "source_info.source must be PULL_FROM_URL or FILE_UPLOAD.", StatusCodes.Status400BadRequest);
        }

        switch (kind.GetString())
        {
            case "PULL_FROM_URL":
                var url = source.TryGetProperty("video_url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
                if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp))
                {
                    return Refuse("invalid_params", "source_info.video_url must be an https URL.", StatusCodes.Status400BadRequest);
                }

                if (!media.IsVerified(url!))
                {
                    return Refuse("url_ownership_unverified", $"The domain or URL prefix of {url} is not verified for this app.", StatusCodes.Status403Forbidden);
                }

                return new Source([new SandboxAsset("video", url!)], url, null, null, creatorMaxSeconds);

            case "FILE_UPLOAD":
                long? Number(string name) => source.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;
                var (size, chunk, count) = (Number("video_size"), Number("chunk_size"), Number("total_chunk_count"));
                if (ChunkProblem(size, chunk, count) is { } problem)
                {
                    return Refuse("invalid_params", problem, StatusCodes.Status400BadRequest);
                }

                var upload = new TikTokUpload(size!.Value, chunk!.Value, (int)count!.Value, state.Now + UploadUrlLifetime, creatorMaxSeconds);
                // Uploaded bytes have no URL: the delivery names the upload instead, as "file_upload:{count}x{chunk_size}".
                return new Source([new SandboxAsset("video", $"file_upload:{count}x{chunk}")], null, upload, null, creatorMaxSeconds);

            default:
                return Refuse("invalid_params", "source_info.source must be PULL_FROM_URL or FILE_UPLOAD.", StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>Why the declared sizes break the chunk rules; null when they keep them.</summary>
    private static string? ChunkProblem(long? size, long? chunk, long? count)
    {
        if (size is not > 0 || chunk is not > 0 || count is not > 0)
        {
            return "FILE_UPLOAD needs video_size, chunk_size and total_chunk_count, all positive.";
        }

        if (size < MinChunk)
        {
            return chunk == size && count == 1 ? null : "A video under 5 MB is uploaded whole: chunk_size = video_size, total_chunk_count = 1.";
        }

        if (chunk < MinChunk || chunk > MaxChunk)
        {
            return "chunk_size must be at least 5 MB and at most 64 MB.";
        }

        if (count != size / chunk || count > MaxChunks)
        {
            return $"total_chunk_count must be video_size / chunk_size rounded down ({size / chunk}), at most {MaxChunks}.";
        }

        return size - ((count - 1) * chunk) > MaxLastChunk ? "The last chunk may hold at most 128 MB." : null;
    }

    /// <summary>Reads a refused chunk's body to its end (at most the largest chunk), so the client hears the refusal.</summary>
    private static async Task DrainAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long drained = 0;
            int read;
            while (drained <= MaxLastChunk && (read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                drained += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary><c>PUT {upload_url}</c>: one chunk, in order.</summary>
    public static async Task<IResult> UploadChunkAsync(HttpRequest request, HttpResponse response, SandboxState sandbox, CancellationToken cancellationToken)
    {
        var state = sandbox.TikTok;
        if (state.Publishing.Find(request.Query["upload_token"].ToString()) is not { Upload: { } upload })
        {
            return TypedResults.NotFound();
        }

        if (state.Now > upload.ExpiresAt)
        {
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (!UploadTypes.Contains(MediaTypes.Normalize(request.ContentType))
            || !ContentRangeHeaderValue.TryParse(request.Headers.ContentRange.ToString(), out var range)
            || range is not { From: { } first, To: { } last, Length: { } total } || total != upload.Size
            || request.ContentLength != last - first + 1)
        {
            await DrainAsync(request, cancellationToken);
            return TypedResults.BadRequest();
        }

        if ((first, last) != upload.Next())
        {
            await DrainAsync(request, cancellationToken);
            return TypedResults.StatusCode(StatusCodes.Status416RangeNotSatisfiable);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        long received = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                upload.Keep(buffer.AsSpan(0, read), first + received);
                received += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        lock (upload.Lock)
        {
            if (received != last - first + 1 || (first, last) != upload.Next())
            {
                return TypedResults.BadRequest();
            }

            upload.Accept(received);
            response.Headers.ContentRange = $"bytes 0-{upload.Received - 1}/{upload.Size}";
            return TypedResults.StatusCode(upload.Chunks == upload.Count ? StatusCodes.Status201Created : StatusCodes.Status206PartialContent);
        }
    }
}
