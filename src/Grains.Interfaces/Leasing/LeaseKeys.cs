using System.Globalization;

namespace Layers.Leasing;

/// <summary>Id prefixes and grain keys of the leasing feature.</summary>
public static class LeaseKeys
{
    public const string RequestPrefix = "lreq_";
    public const string PoolAccountPrefix = "pool_";
    public const string ReviewCatalog = "leasereview";

    public static string Pool(string platform) => "leasedpool_" + platform;

    /// <summary>The UTC month (yyyyMM) a request submitted at <paramref name="at"/> is listed under.</summary>
    public static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture);

    public static string ReviewIndex(string month) => "leasereview_" + month;
}
