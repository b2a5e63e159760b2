using System.Text.RegularExpressions;
using Layers.Common;

namespace Layers.Api.Http;

/// <summary>Gives every request an id (<c>req_…</c>, or the caller's own when well-formed) and echoes it back.</summary>
public sealed partial class RequestIdMiddleware(RequestDelegate next, [FromKeyedServices(LayersTime.Key)] TimeProvider time)
{
    public const string Header = "X-Request-Id";

    public Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[Header].ToString();
        var requestId = WellFormed().IsMatch(incoming) ? incoming : Ids.New(Ids.Request, time);
        context.TraceIdentifier = requestId;
        context.Response.Headers[Header] = requestId;
        return next(context);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$")]
    private static partial Regex WellFormed();
}
