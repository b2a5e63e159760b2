using System.Globalization;

namespace Layers.Sandbox.Instagram;

/// <summary>
/// The Graph API versions the Instagram simulator still serves and the day each one's life ends, from Meta's version
/// table (developers.facebook.com/docs/graph-api/changelog/versions/): v21.0 is the oldest still available, and
/// versions from v26.0 on have no end of life announced yet. A request on a version past its end of life on the
/// sandbox's clock is refused as Graph refuses it (error 2635), so the service can never come to rely on a version Meta
/// no longer serves; update this table as Meta announces new end-of-life dates.
/// </summary>
internal static class InstagramGraphVersions
{
    /// <summary>Versions below this major one are past their end of life.</summary>
    public const int OldestMajor = 21;

    /// <summary>The first day (UTC) on which each major version is no longer served.</summary>
    public static IReadOnlyDictionary<int, DateTimeOffset> EndOfLife { get; } = new Dictionary<int, DateTimeOffset>
    {
        [21] = new(2027, 1, 21, 0, 0, 0, TimeSpan.Zero),
        [22] = new(2027, 5, 20, 0, 0, 0, TimeSpan.Zero),
        [23] = new(2027, 10, 8, 0, 0, 0, TimeSpan.Zero),
        [24] = new(2028, 2, 18, 0, 0, 0, TimeSpan.Zero),
        [25] = new(2028, 7, 29, 0, 0, 0, TimeSpan.Zero),
    };

    /// <summary>Whether <paramref name="version"/> (<c>v21.0</c>) is no longer served at <paramref name="now"/>.</summary>
    public static bool IsRetired(string version, DateTimeOffset now)
    {
        var major = version.TrimStart('v').Split('.')[0];
        if (!int.TryParse(major, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < OldestMajor)
        {
            return true;
        }

        return EndOfLife.TryGetValue(number, out var end) && now >= end;
    }
}
