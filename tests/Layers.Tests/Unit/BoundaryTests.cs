namespace Layers.Tests.Unit;

/// <summary>
/// The front is compiled against the grains' contracts (<c>Layers.Grains.Interfaces</c>) and the composition
/// (<c>Layers.Silo</c>), never the grain implementation: <c>Layers.Api</c> does not reference <c>Layers.Grains</c>
/// (its project disables transitive project references, so a use of a grain implementation type does not compile).
/// </summary>
public sealed class BoundaryTests
{
    [Fact]
    public void TheFrontReferencesTheGrainContractsAndTheCompositionButNotTheGrainImplementation()
    {
        var referenced = typeof(Layers.Api.Http.Validator).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("Layers.Grains.Interfaces", referenced);
        Assert.Contains("Layers.Silo", referenced);
        Assert.DoesNotContain("Layers.Grains", referenced);
    }
}
