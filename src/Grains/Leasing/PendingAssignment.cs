namespace Layers.Leasing;

/// <summary>
/// An assignment persisted before any of its effects. Its leased account ids and assignment time are fixed here, so
/// the first-month charge ids are the same however often the assignment is resumed.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PendingAssignment(
    [property: Id(0)] DateTimeOffset AssignedAt,
    [property: Id(1)] IReadOnlyList<PlannedLease> Leases)
{
    public bool Matches(IReadOnlyList<LeasePick> picks) =>
        picks.Count == Leases.Count
        && picks.Zip(Leases).All(p => p.First.PoolAccountId == p.Second.PoolAccountId
            && (p.First.MonthlyPriceCents ?? LeaseTerms.DefaultMonthlyPriceCents) == p.Second.MonthlyPriceCents);
}
