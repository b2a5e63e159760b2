using System.Diagnostics;

namespace Layers.Api.Hosting;

/// <summary>
/// Puts the request id (and the ids the request is about) on every log line written while it runs and on its span,
/// and writes one access line per request at Debug level (category <c>Layers.Requests</c>).
/// </summary>
internal sealed partial class TelemetryRequestMiddleware(RequestDelegate next, ILoggerFactory loggers)
{
    public const string Category = "Layers.Requests";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext context)
    {
        Activity.Current?.SetTag("layers.request_id", context.TraceIdentifier);
        var values = new TelemetryRequestScope(context);
        using var scope = _logger.BeginScope(values);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                // The route template, never the raw URL: query strings may carry codes and tokens.
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
                LogRequest(_logger, context.Request.Method, route, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            values.Freeze();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Route} answered {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string route, int statusCode, double elapsedMs);
}
