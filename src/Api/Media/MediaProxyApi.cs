using System.Buffers;
using Layers.Media;

namespace Layers.Api.Media;

/// <summary>
/// <c>GET /media/{token}</c>: the media proxy (API.md §5c). A platform that pulls only from verified URL prefixes
/// (TikTok) is given these links; each streams one asset of one post from the partner's URL while that post is being
/// handed off (<see cref="IMediaProxy"/>). The body is copied as it arrives; a source that stalls or ends short cuts
/// the connection, so a platform never takes a partial file for a whole one. For platforms, not partners: it is not in
/// the OpenAPI document.
/// </summary>
public static class MediaProxyApi
{
    private const int BufferSize = 64 * 1024;

    public static IEndpointRouteBuilder MapMediaProxy(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/media/{token}", [HttpMethods.Get, HttpMethods.Head], ServeAsync).ExcludeFromDescription();
        return routes;
    }

    public static async Task ServeAsync(string token, HttpContext context, IMediaProxy proxy, CancellationToken cancellationToken)
    {
        var head = HttpMethods.IsHead(context.Request.Method);
        using var download = await proxy.OpenAsync(token, context.Request.Headers.Range.ToString(), head, cancellationToken);
        var response = context.Response;
        response.StatusCode = download.Status;
        response.ContentType = download.ContentType;
        response.ContentLength = download.Length;
        response.Headers.AcceptRanges = "bytes";
        response.Headers.CacheControl = "private, no-store";
        if (download.ContentRange is { } range)
        {
            response.Headers.ContentRange = range;
        }

        if (!head)
        {
            await CopyAsync(download, response, cancellationToken);
        }
    }

    private static async Task CopyAsync(MediaDownload download, HttpResponse response, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long copied = 0;
            using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            while (copied < download.Length)
            {
                stall.CancelAfter(download.IdleTimeout);
                var read = await download.Body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, download.Length - copied)), stall.Token);
                if (read == 0)
                {
                    break;
                }

                await response.Body.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                copied += read;
            }

            if (copied < download.Length)
            {
                response.HttpContext.Abort();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            response.HttpContext.Abort();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
