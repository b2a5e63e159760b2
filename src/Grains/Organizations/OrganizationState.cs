namespace Layers.Organizations;

[GenerateSerializer]
public sealed class OrganizationState
{
    [Id(0)] public string? Name { get; set; }
    [Id(1)] public DateTimeOffset CreatedAt { get; set; }
    [Id(2)] public long BalanceCents { get; set; }
    [Id(3)] public List<WalletTransaction> Transactions { get; set; } = [];
    [Id(4)] public List<Guid> ProjectIds { get; set; } = [];
    [Id(5)] public List<string> ApiKeyIds { get; set; } = [];

    /// <summary>Lease charge id (account, period start) → the transaction that applied it. A charge id is applied once.</summary>
    [Id(7)] public Dictionary<string, string> LeaseCharges { get; set; } = [];
}
