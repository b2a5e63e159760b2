using Layers.Common;

namespace Layers.Api.Http;

/// <summary>Refuses bodies over 1 MiB (the sandbox's TikTok upload URL: 128 MiB chunks) with 413, whether announced by Content-Length or streamed, and URLs over 8 KiB with 414.</summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next)
{
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>The longest request target (path and query, in characters) the service reads; longer is <c>414</c>.</summary>
    public const int MaxTargetBytes = 8 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.Value?.Length + request.QueryString.Value?.Length > MaxTargetBytes)
        {
            throw new LayersException(ErrorKind.UriTooLong, $"The URL is longer than {MaxTargetBytes} characters.");
        }

        // The simulated TikTok upload URL takes video chunks as large as TikTok's does.
        var limit = request.Path.StartsWithSegments(Layers.Sandbox.SandboxApi.TikTokUploadPath) ? Layers.Sandbox.SandboxApi.MaxUploadChunkBytes : MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            throw new LayersException(ErrorKind.PayloadTooLarge, "The request body is larger than 1 MiB.");
        }

        var feature = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
