using Layers.Common;

namespace Layers.Api.Http;

/// <summary>
/// <c>200</c> with a body a grain already rendered in the wire format, written as it is. The route declares the
/// page's schema with <c>Produces&lt;PageResponse&lt;T&gt;&gt;</c>.
/// </summary>
public sealed class JsonPageResult(JsonBody body) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Utf8.Length;
        return response.Body.WriteAsync(body.Utf8, httpContext.RequestAborted).AsTask();
    }
}
