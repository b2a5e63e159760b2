using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Layers.Common;
using Layers.SocialAccounts;

namespace Layers.Api.Http;

/// <summary>
/// <c>200</c> with a page of account views as <c>{items, nextCursor}</c>. Views are immutable and the project grain
/// hands the same instances out until an account changes, so each view is serialized once per instance and its JSON
/// reused for every listing that includes it. The route declares the schema with <c>Produces&lt;PageResponse&lt;SocialAccountView&gt;&gt;</c>.
/// </summary>
public sealed class AccountPageResult(Page<SocialAccountView> page) : IResult
{
    private static readonly ConditionalWeakTable<SocialAccountView, byte[]> Rendered = [];

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * (page.Items.Count + 1));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("items");
            foreach (var view in page.Items)
            {
                writer.WriteRawValue(Rendered.GetValue(view, v => JsonSerializer.SerializeToUtf8Bytes(v, WireJson.Options)), skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteString("nextCursor", page.NextCursor);
            writer.WriteEndObject();
        }

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.WrittenCount;
        return response.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted).AsTask();
    }
}
