using Layers.Common;

namespace Layers.Api.Http;

/// <summary>Refuses bodies over 1 MiB with 413, whether announced by Content-Length or streamed.</summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next)
{
    public const long MaxBodyBytes = 1024 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            throw new LayersException(ErrorKind.PayloadTooLarge, "The request body is larger than 1 MiB.");
        }

        var feature = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = MaxBodyBytes;
        }

        return next(context);
    }
}
