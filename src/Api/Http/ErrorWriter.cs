using System.Text.Json;
using Layers.Common;

namespace Layers.Api.Http;

public static class ErrorWriter
{
    public static async Task WriteAsync(HttpContext context, ErrorKind code, string message, string? detailsJson)
    {
        var (status, wireCode) = ErrorCodes.ToWire(code);
        JsonElement? details = detailsJson is null ? null : JsonDocument.Parse(detailsJson).RootElement.Clone();
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new ApiError(new ApiErrorBody(wireCode, message, context.TraceIdentifier, details));
        await JsonSerializer.SerializeAsync(context.Response.Body, body, WireJson.Options, context.RequestAborted);
    }

    public static Task WriteAsync(HttpContext context, LayersException error) =>
        WriteAsync(context, error.Code, error.Message, error.DetailsJson);
}
