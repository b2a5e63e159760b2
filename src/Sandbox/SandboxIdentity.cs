using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Layers.Sandbox;

/// <summary>
/// Identities and opaque values of the simulators. Platform user ids are derived from platform + handle with
/// SHA-256, so the same handle is the same user across restarts and processes; everything secret is random.
/// </summary>
internal static partial class SandboxIdentity
{
    /// <summary>Lower-cased handle of letters, digits, dots and underscores, at most 30 characters.</summary>
    public static bool TryNormalizeHandle(string? raw, out string handle)
    {
        handle = (raw ?? "").Trim().TrimStart('@').ToLowerInvariant();
        return HandlePattern().IsMatch(handle);
    }

    /// <summary>TikTok-style open id: <c>-000</c> followed by 32 URL-safe characters.</summary>
    public static string TikTokOpenId(string handle) => "-000" + Base64Url.EncodeToString(Hash("tiktok:open_id", handle))[..32];

    /// <summary>A UUID-shaped union id, stable per handle.</summary>
    public static string TikTokUnionId(string handle) => new Guid(Hash("tiktok:union_id", handle).AsSpan(0, 16)).ToString();

    /// <summary>A 17-digit numeric Instagram user id starting with 1784, as professional accounts' ids do.</summary>
    public static string InstagramUserId(string handle)
    {
        var number = BinaryPrimitives.ReadUInt64BigEndian(Hash("instagram:user_id", handle)) % 10_000_000_000_000UL;
        return "1784" + number.ToString("D13", CultureInfo.InvariantCulture);
    }

    /// <summary><c>acme.coffee</c> → <c>Acme Coffee</c>.</summary>
    public static string DisplayName(string handle)
    {
        var words = handle.Split(['.', '_'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..]);
        var name = string.Join(' ', words);
        return name.Length > 0 ? name : handle;
    }

    public static string NewSecret(string prefix) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(30));

    public static string NewGrantId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>TikTok log ids: a timestamp followed by random hex.</summary>
    /// <summary>A log id in TikTok's shape; it identifies nothing secret, so ordinary randomness will do.</summary>
    public static string LogId(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + Convert.ToHexString(RandomBytes(10));

    public static string FbTraceId() => Base64Url.EncodeToString(RandomBytes(8));

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Hash(string purpose, string handle) => SHA256.HashData(Encoding.UTF8.GetBytes(purpose + ":" + handle));

    [GeneratedRegex("^[a-z0-9._]{1,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex HandlePattern();
}
