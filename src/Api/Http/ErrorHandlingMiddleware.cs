using System.Net.Sockets;
using System.Text.Json;
using Layers.Common;
using Npgsql;

namespace Layers.Api.Http;

/// <summary>
/// Turns every failure into the error envelope: domain errors keep their code, malformed input is a validation
/// error, lost storage or cluster is 503, and only a genuine bug is 500.
/// </summary>
public sealed partial class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            if (context.RequestAborted.IsCancellationRequested && exception is OperationCanceledException)
            {
                return;
            }

            var error = Classify(exception);
            if (error.Code == ErrorKind.Internal)
            {
                LogUnhandled(logger, exception, context.TraceIdentifier);
            }
            else if (error.Code == ErrorKind.Unavailable)
            {
                LogUnavailable(logger, exception.GetType().Name, context.TraceIdentifier);
                context.Response.Headers.RetryAfter = "1";
            }

            await ErrorWriter.WriteAsync(context, error);
        }
    }

    public const string UnsupportedMediaTypeMessage = "The request body must be JSON (Content-Type: application/json).";

    internal static LayersException Classify(Exception exception)
    {
        switch (exception)
        {
            case LayersException layers:
                return layers;
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge:
                return new LayersException(ErrorKind.PayloadTooLarge, "The request body is larger than 1 MiB.");
            case BadHttpRequestException bad when bad.InnerException is JsonException json:
                return JsonProblem(json);
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status415UnsupportedMediaType:
                return new LayersException(ErrorKind.UnsupportedMediaType, UnsupportedMediaTypeMessage);
            case BadHttpRequestException bad:
                return LayersException.Validation("", bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
                    ? "A JSON request body is required."
                    : "The request is malformed.");
            case JsonException json:
                return JsonProblem(json);
        }

        return IsUnavailable(exception)
            ? new LayersException(ErrorKind.Unavailable, "The service is temporarily unavailable; retry shortly.")
            : new LayersException(ErrorKind.Internal, "An internal error occurred.");
    }

    private static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException or SocketException or TimeoutException or SiloUnavailableException
                or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException
                or Orleans.Storage.InconsistentStateException)
            {
                return true;
            }

            // An exception thrown in another silo may arrive as a stand-in that only names its type (or, when it
            // cannot be serialized at all, as a codec error naming it).
            var typeName = e switch
            {
                Orleans.Serialization.UnavailableExceptionFallbackException fallback => fallback.ExceptionType,
                Orleans.Serialization.CodecNotFoundException codec when codec.Message.Contains("Npgsql.", StringComparison.Ordinal) => "Npgsql.",
                _ => e.GetType().FullName,
            };
            if (typeName is not null && (typeName.StartsWith("Npgsql.", StringComparison.Ordinal)
                || typeName.EndsWith(".SocketException", StringComparison.Ordinal) || typeName.EndsWith("TimeoutException", StringComparison.Ordinal)))
            {
                return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Skip(1).Any(IsUnavailable))
            {
                return true;
            }
        }

        return false;
    }

    private static string JsonPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static LayersException JsonProblem(JsonException json)
    {
        // Syntax errors come from the reader; conversion errors name the field whose value has the wrong type.
        if (json.InnerException?.GetType().Name == "JsonReaderException")
        {
            return LayersException.Validation("", "The body is not valid JSON.");
        }

        var message = json.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? "The value has the wrong type."
            : json.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "Not a known field."
            : json.Message.StartsWith(WireJson.TimestampExpectation, StringComparison.Ordinal)
                ? WireJson.TimestampExpectation
                : "The body is not valid JSON.";
        return LayersException.Validation(JsonPath(json.Path), message);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error for request {RequestId}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage or cluster unavailable ({ExceptionType}) for request {RequestId}")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType, string requestId);
}
