namespace Layers.Leasing;

public static class PoolAccountStatus
{
    /// <summary>Warmed and ready to be assigned.</summary>
    public const string Available = "available";

    /// <summary>Assigned to a lease request (and, once the first month is paid, to its leased account).</summary>
    public const string Bound = "bound";

    public static readonly IReadOnlyList<string> All = [Available, Bound];
}
