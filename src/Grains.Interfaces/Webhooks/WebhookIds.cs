using System.Security.Cryptography;
using System.Text;
using Layers.Common;

namespace Layers.Webhooks;

/// <summary>Identifiers of webhook endpoints (<c>whe_…</c>), deliveries (<c>whd_…</c>) and the organization directory.</summary>
public static class WebhookIds
{
    public const string Endpoint = "whe_";
    public const string Delivery = "whd_";
    public const string Directory = "whdir_";

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>The key of an organization's webhook directory grain.</summary>
    public static string DirectoryOf(string organizationId) => Directory + organizationId;

    /// <summary>
    /// The delivery of one event to one endpoint: the event's time, then 80 bits of a hash of the pair. Handing the
    /// same event on again therefore finds the delivery that exists instead of making a second one.
    /// </summary>
    public static string DeliveryFor(string eventId, string endpointId)
    {
        var time = eventId.Length == Ids.Event.Length + 26 ? eventId.AsSpan(Ids.Event.Length, 10) : "0000000000";
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(eventId + "\n" + endpointId), hash);
        Span<char> chars = stackalloc char[26];
        time.CopyTo(chars);
        var buffer = 0;
        var bits = 0;
        var index = 10;
        foreach (var b in hash[..10])
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[index++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        return Delivery + new string(chars);
    }
}
