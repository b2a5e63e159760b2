using System.Buffers.Text;
using System.Text;

namespace Layers.Common;

/// <summary>Opaque pagination cursors. Inside, a position in an append-only sequence; outside, base64url text.</summary>
public static class Cursor
{
    private const string Prefix = "p1:";
    private const string KeyPrefix = "k1:";

    public static string Encode(long position) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + position.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The position inside a cursor; a cursor this service did not issue is a validation error.</summary>
    public static long Decode(string cursor)
    {
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var position))
            {
                return position;
            }
        }
        catch (FormatException)
        {
        }

        throw LayersException.Validation("cursor", "The cursor is not one this service issued.");
    }

    /// <summary>A keyset cursor: the sort key of the last item returned.</summary>
    public static string EncodeKey(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(KeyPrefix + key));

    /// <summary>The sort key inside a keyset cursor; a cursor this service did not issue is a validation error.</summary>
    public static string DecodeKey(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith(KeyPrefix, StringComparison.Ordinal) && text.Length > KeyPrefix.Length)
            {
                return text[KeyPrefix.Length..];
            }
        }
        catch (FormatException)
        {
        }

        throw LayersException.Validation("cursor", "The cursor is not one this service issued.");
    }

    /// <summary>
    /// Pages an append-only list newest first. The cursor holds the index (from the oldest end) of the next item,
    /// so items appended meanwhile never shift a page.
    /// </summary>
    public static Page<T> PageNewestFirst<T>(IReadOnlyList<T> items, string? cursor, int limit) =>
        PageNewestFirst(items, cursor, limit, static _ => true);

    /// <summary>As above, keeping only the items that match.</summary>
    public static Page<T> PageNewestFirst<T>(IReadOnlyList<T> items, string? cursor, int limit, Func<T, bool> match)
    {
        var start = cursor is null ? items.Count - 1 : Decode(cursor);
        if (start >= items.Count)
        {
            start = items.Count - 1;
        }

        var page = new List<T>(Math.Min(limit, items.Count));
        var index = start;
        for (; index >= 0 && page.Count < limit; index--)
        {
            if (match(items[(int)index]))
            {
                page.Add(items[(int)index]);
            }
        }

        return new Page<T>(page, index >= 0 ? Encode(index) : null);
    }
}
