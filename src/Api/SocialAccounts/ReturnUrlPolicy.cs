using System.Globalization;

namespace Layers.Api.SocialAccounts;

/// <summary>
/// The return-URL allowlist rule: an absolute https URL (http only for localhost / 127.0.0.1) whose host equals,
/// case-insensitively and exactly, one entry of the key's allowlist; an entry with a port requires that port, one
/// without requires the scheme's default port. No subdomain or wildcard match; no user info, backslashes,
/// percent-encoded or otherwise ambiguous authorities, and no fragment.
/// </summary>
public static class ReturnUrlPolicy
{
    public const int MaxLength = 2048;

    public static bool IsAllowed(string? returnUrl, IReadOnlyList<string> allowedReturnDomains)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Length > MaxLength || returnUrl.Any(c => c <= ' ' || c == '\\' || c == 0x7f)
            || returnUrl.Contains('#', StringComparison.Ordinal))
        {
            return false;
        }

        var schemeEnd = returnUrl.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return false;
        }

        var rest = returnUrl[(schemeEnd + 3)..];
        var authorityEnd = rest.IndexOfAny(['/', '?']);
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        if (authority.Length == 0 || authority.IndexOfAny(['@', '%', '[', ']']) >= 0 || !authority.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':'))
        {
            return false;
        }

        if (!Uri.TryCreate(returnUrl, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0)
        {
            return false;
        }

        var host = uri.Host.ToLowerInvariant();
        var isLocal = host is "localhost" or "127.0.0.1";
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && isLocal))
        {
            return false;
        }

        // The raw authority must be exactly what Uri understood: no trailing dot tricks, no odd port forms.
        var rawHost = authority.Split(':')[0].ToLowerInvariant();
        if (rawHost != host)
        {
            return false;
        }

        foreach (var entry in allowedReturnDomains)
        {
            var colon = entry.LastIndexOf(':');
            var entryHost = colon < 0 ? entry : entry[..colon];
            if (!string.Equals(entryHost, host, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var portMatches = colon < 0
                ? uri.IsDefaultPort
                : int.TryParse(entry.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && uri.Port == port;
            if (portMatches)
            {
                return true;
            }
        }

        return false;
    }
}
