using System.Text;
using System.Text.Json;

namespace Layers.Tests.Webhooks;

/// <summary>One POST as the receiver saw it: the status it answered and the trusted secrets whose signature checked out.</summary>
public sealed record ReceivedWebhook(
    string Path, DateTimeOffset ReceivedAt, IReadOnlyDictionary<string, string> Headers, byte[] Body, int AnsweredStatus,
    IReadOnlyList<string> VerifiedWith)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public string EventId => Json.GetProperty("id").GetString()!;

    public string EventType => Json.GetProperty("type").GetString()!;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? Signature => Header("X-Layers-Signature");

    public string Text => Encoding.UTF8.GetString(Body);
}
