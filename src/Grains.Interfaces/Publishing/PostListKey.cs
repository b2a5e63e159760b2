using System.Globalization;

namespace Layers.Publishing;

/// <summary>The keyset of the post listing: <c>scheduledFor</c> descending, then id descending.</summary>
public static class PostListKey
{
    public static string Of(ScheduledPostView view) =>
        view.ScheduledFor.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + ":" + view.Id;

    public static bool TryParse(string key, out DateTimeOffset scheduledFor, out string id)
    {
        scheduledFor = default;
        id = "";
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon != 19 || !long.TryParse(key.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        scheduledFor = new DateTimeOffset(ticks, TimeSpan.Zero);
        id = key[(colon + 1)..];
        return id.Length > 0;
    }
}
