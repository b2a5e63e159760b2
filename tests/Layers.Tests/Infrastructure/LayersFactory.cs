using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Layers.Tests.Infrastructure;

/// <summary>
/// The real service (co-hosted silo + HTTP front) in the test process. With a connection string it runs on
/// PostgreSQL exactly as in production; without one, in trial mode.
/// </summary>
public sealed class LayersFactory(string? connectionString, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string AdminToken = "test-operator-token-0123456789";

    public int SiloPort { get; } = FreePorts.Next();

    public int GatewayPort { get; } = FreePorts.Next();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Layers"] = connectionString,
            ["Layers:AdminToken"] = AdminToken,
            ["Orleans:SiloPort"] = SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        // Host configuration (UseSetting) is what Program reads while it composes the silo.
        foreach (var (key, value) in values)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(values));
    }
}
