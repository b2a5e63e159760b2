namespace Layers.Tests.Operability;

/// <summary>
/// Runs alone, after the parallel collections: the service's meters are process-wide, so counting their
/// measurements needs no other service to be publishing or refreshing at the same time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OperabilityCollection : ICollectionFixture<OperabilityFixture>
{
    public const string Name = "operability (telemetry captured in memory)";
}
