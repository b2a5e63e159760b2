namespace Layers.Leasing;

[GenerateSerializer]
public sealed class LeasedPoolState
{
    /// <summary>The pool's accounts in the order they were added.</summary>
    [Id(0)] public List<PoolEntry> Accounts { get; set; } = [];
}
