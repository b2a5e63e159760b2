using System.Diagnostics;
using OpenTelemetry;

namespace Layers.Silo.Hosting;

/// <summary>
/// Strips query strings from every recorded URL before a span is exported. Instagram's Graph API takes
/// <c>access_token</c> in the query and the OAuth callback carries the authorization <c>code</c>, so no query string
/// is ever worth keeping. It is added before any exporter, and processors run in the order they were added.
/// </summary>
internal sealed class TelemetryRedactionProcessor : BaseProcessor<Activity>
{
    private static readonly string[] UrlTags = ["url.full", "http.url", "http.target", "url.original"];

    private static readonly string[] QueryTags = ["url.query"];

    public override void OnEnd(Activity data)
    {
        foreach (var tag in UrlTags)
        {
            if (data.GetTagItem(tag) is string url && WithoutQuery(url) is { } stripped)
            {
                data.SetTag(tag, stripped);
            }
        }

        foreach (var tag in QueryTags)
        {
            if (data.GetTagItem(tag) is not null)
            {
                data.SetTag(tag, null);
            }
        }
    }

    /// <summary>The URL without query or fragment; null when it has neither.</summary>
    internal static string? WithoutQuery(string url)
    {
        var cut = url.IndexOfAny(['?', '#']);
        return cut < 0 ? null : url[..cut];
    }
}
