using System.Globalization;
using System.Security.Cryptography;
using Layers.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Layers.Media;

/// <summary>
/// Links of the media proxy, <c>{PublicBaseUrl}/media/{token}</c>: the token is the post id, the asset's index and an
/// expiry, encrypted and authenticated with the service's key, so it cannot be made, read or moved to another asset.
/// This one prefix is what the operator verifies with TikTok.
/// </summary>
public sealed class MediaLinks(ISecretProtector protector, IConfiguration configuration, IOptions<MediaOptions> options)
{
    public const string PathPrefix = "/media/";
    private const string Purpose = "media-link";

    /// <summary>The prefix every link starts with (what TikTok must know as verified).</summary>
    public string Prefix => (configuration[Platforms.PlatformOptionsSetup.PublicBaseUrlKey] is { Length: > 0 } root
        ? root : Platforms.PlatformOptionsSetup.DefaultPublicBaseUrl).TrimEnd('/') + PathPrefix;

    public string For(string scheduledPostId, int assetIndex, DateTimeOffset now)
    {
        var expires = (now + options.Value.LinkLifetime).ToUnixTimeSeconds();
        return Prefix + protector.Protect(FormattableString.Invariant($"{scheduledPostId}|{assetIndex}|{expires}"), Purpose);
    }

    /// <summary>The post and asset a token names, or null for a token that is foreign, altered or past its expiry.</summary>
    public (string ScheduledPostId, int AssetIndex)? Read(string token, DateTimeOffset now)
    {
        string plain;
        try
        {
            plain = protector.Unprotect(token, Purpose);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or OverflowException or ArgumentException)
        {
            return null;
        }

        var parts = plain.Split('|');
        return parts.Length == 3
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && now.ToUnixTimeSeconds() <= expires
                ? (parts[0], index)
                : null;
    }
}
