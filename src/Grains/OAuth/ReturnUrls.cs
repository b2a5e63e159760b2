using System.Text;

namespace Layers.OAuth;

public static class ReturnUrls
{
    /// <summary>The return URL with parameters appended, keeping its own query.</summary>
    public static string WithQuery(string returnUrl, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var builder = new UriBuilder(returnUrl);
        var query = new StringBuilder(builder.Query.TrimStart('?'));
        foreach (var (name, value) in parameters)
        {
            if (query.Length > 0)
            {
                query.Append('&');
            }

            query.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        builder.Query = query.ToString();
        return builder.Uri.AbsoluteUri;
    }
}
