using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Layers.Tests.Webhooks;

/// <summary>
/// How a partner checks <c>X-Layers-Signature: t=…,v1=…[,v1=…]</c>, written from API.md alone: HMAC-SHA256 keyed with
/// the secret's UTF-8 bytes over <c>"&lt;t&gt;.&lt;raw body&gt;"</c>, hex, and a timestamp within 5 minutes of now.
/// </summary>
public static class SignatureVerifier
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static bool Verify(string? header, byte[] body, string secret, DateTimeOffset now)
    {
        if (!TryParse(header, out var timestamp, out var signatures))
        {
            return false;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > Tolerance)
        {
            return false;
        }

        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var signed = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".").Concat(body).ToArray();
        var expected = hmac.ComputeHash(signed);
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(s, expected));
    }

    /// <summary>How many <c>v1</c> signatures the header carries.</summary>
    public static int SignatureCount(string? header) => TryParse(header, out _, out var signatures) ? signatures.Count : 0;

    public static bool TryParse(string? header, out long timestamp, out List<byte[]> signatures)
    {
        timestamp = 0;
        signatures = [];
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        var sawTimestamp = false;
        foreach (var part in header.Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return false;
            }

            var key = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (key == "t")
            {
                sawTimestamp = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp);
            }
            else if (key == "v1")
            {
                try
                {
                    signatures.Add(Convert.FromHexString(value));
                }
                catch (FormatException)
                {
                    return false;
                }
            }
        }

        return sawTimestamp && signatures.Count > 0;
    }
}
