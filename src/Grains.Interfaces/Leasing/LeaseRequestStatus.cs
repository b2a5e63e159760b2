namespace Layers.Leasing;

public static class LeaseRequestStatus
{
    public const string Requested = "requested";
    public const string Assigned = "assigned";
    public const string Partial = "partial";
    public const string Rejected = "rejected";

    public static readonly IReadOnlyList<string> All = [Requested, Assigned, Partial, Rejected];
}
