using System.Text.Json;
using Layers.Common;

namespace Layers.Api.Http;

/// <summary>
/// <c>200 {items, nextCursor}</c> from items that are already JSON in the wire format, written as they are. The
/// route declares the page's schema with <c>Produces&lt;PageResponse&lt;T&gt;&gt;</c>.
/// </summary>
public sealed class JsonPageResult(Page<string> page) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteStartArray("items");
        foreach (var item in page.Items)
        {
            writer.WriteRawValue(item, skipInputValidation: true);
        }

        writer.WriteEndArray();
        writer.WriteString("nextCursor", page.NextCursor);
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
