using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Layers.Common;
using Layers.Events;

namespace Layers.Webhooks;

/// <summary>The body of a webhook POST and its signature.</summary>
public static class WebhookPayload
{
    /// <summary>
    /// <c>{id, type, createdAt, projectId, data}</c>: the object <c>GET /v1/events</c> lists, with <c>data</c> exactly
    /// as recorded. The same event always gives the same bytes, so every retry and replay carries an identical body.
    /// </summary>
    public static byte[] Serialize(EventRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + record.DataJson.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", record.Id);
            writer.WriteString("type", record.Type);
            writer.WriteString("createdAt", WireJson.Format(record.CreatedAt));
            if (record.ProjectId is { } projectId)
            {
                writer.WriteString("projectId", projectId.ToString("D"));
            }
            else
            {
                writer.WriteNull("projectId");
            }

            writer.WritePropertyName("data");
            writer.WriteRawValue(record.DataJson);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Lower-case hex HMAC-SHA256, keyed with the secret's UTF-8 bytes, of <c>"&lt;t&gt;.&lt;raw body&gt;"</c>.</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>The <c>X-Layers-Signature</c> value: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, one <c>v1</c> per secret.</summary>
    public static string SignatureHeader(long timestamp, IEnumerable<string> signatures) =>
        $"t={timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}," + string.Join(",", signatures.Select(s => "v1=" + s));
}
