using Layers.Silo.Hosting;
using Microsoft.Extensions.Configuration;

namespace Layers.Tests.Unit;

/// <summary>A trial's silo takes loopback ports free at start unless configured, so two trials never share them.</summary>
public sealed class TrialPortsTests
{
    [Fact]
    public void UnsetPortsAreChosenFreeAndConfiguredOnesStay()
    {
        var first = new ConfigurationBuilder().AddInMemoryCollection().Build();
        var second = new ConfigurationBuilder().AddInMemoryCollection().Build();
        LayersHosting.ChooseTrialPorts(first);
        LayersHosting.ChooseTrialPorts(second);

        var ports = new[] { first["Orleans:SiloPort"], first["Orleans:GatewayPort"], second["Orleans:SiloPort"], second["Orleans:GatewayPort"] };
        Assert.All(ports, p => Assert.InRange(int.Parse(p!, System.Globalization.CultureInfo.InvariantCulture), 1, 65535));
        Assert.NotEqual(first["Orleans:SiloPort"], first["Orleans:GatewayPort"]);

        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:SiloPort"] = "11111",
            ["Orleans:GatewayPort"] = "30000",
        }).Build();
        LayersHosting.ChooseTrialPorts(configured);
        Assert.Equal("11111", configured["Orleans:SiloPort"]);
        Assert.Equal("30000", configured["Orleans:GatewayPort"]);
    }
}
