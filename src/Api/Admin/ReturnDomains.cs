using System.Globalization;
using System.Text.RegularExpressions;
using Layers.Api.Http;

namespace Layers.Api.Admin;

/// <summary>Entries of an API key's return-URL allowlist: a host name or IPv4 address, optionally with a port.</summary>
public static partial class ReturnDomains
{
    public const int MaxEntries = 50;

    public static IReadOnlyList<string> Normalize(IReadOnlyList<string?>? entries, Validator validator, string path)
    {
        var result = new List<string>();
        if (entries is null)
        {
            return result;
        }

        validator.Check(entries.Count <= MaxEntries, path, $"At most {MaxEntries} entries.");
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i]?.Trim().ToLowerInvariant();
            if (entry is null || !IsValid(entry))
            {
                validator.Add($"{path}[{i}]", "Must be a host name, optionally with :port (no scheme, path or wildcard).");
                continue;
            }

            if (!result.Contains(entry))
            {
                result.Add(entry);
            }
        }

        return result;
    }

    private static bool IsValid(string entry)
    {
        var host = entry;
        var colon = entry.LastIndexOf(':');
        if (colon >= 0)
        {
            host = entry[..colon];
            if (!int.TryParse(entry.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                return false;
            }
        }

        return host.Length is > 0 and <= 253 && HostName().IsMatch(host);
    }

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex HostName();
}
