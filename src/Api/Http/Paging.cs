using System.Globalization;
using Layers.Common;

namespace Layers.Api.Http;

/// <summary>The <c>?limit=&amp;cursor=</c> of a listing, checked against the endpoint's default and cap.</summary>
public readonly record struct Paging(int Limit, string? Cursor)
{
    public static Paging From(HttpRequest request, int defaultLimit, int maxLimit, bool validateCursor = true)
    {
        var limitText = request.Query["limit"].ToString();
        var cursor = request.Query["cursor"].ToString();
        var limit = defaultLimit;
        if (limitText.Length > 0
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > maxLimit))
        {
            throw LayersException.Validation("limit", $"Must be a whole number from 1 to {maxLimit}.");
        }

        if (cursor.Length > 0 && validateCursor)
        {
            // Decoding here turns a foreign cursor into a validation error before any grain is asked.
            Common.Cursor.Decode(cursor);
        }

        return new Paging(limit, cursor.Length > 0 ? cursor : null);
    }
}

/// <summary>The listing shape: <c>{"items":[…],"nextCursor":…}</c>.</summary>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, string? NextCursor);
