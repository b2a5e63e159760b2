using System.Globalization;
using Layers.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Layers.Tests.Infrastructure;

/// <summary>
/// The real service (co-hosted silo + HTTP front on Kestrel, a real loopback port) in the test process. With a
/// connection string it runs on PostgreSQL exactly as in production; without one, in trial mode. The platform
/// clients reach the built-in sandbox simulators over real HTTP at <see cref="BaseUrl"/>.
/// </summary>
public sealed class LayersFactory : WebApplicationFactory<Program>
{
    public const string AdminToken = "test-operator-token-0123456789";
    public const string EncryptionKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private readonly string? _connectionString;
    private readonly IDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;

    /// <param name="configureServices">Applied after the service's own registrations (e.g. in-memory telemetry exporters).</param>
    public LayersFactory(string? connectionString, IDictionary<string, string?>? settings = null, FakeTimeProvider? clock = null, Action<IServiceCollection>? configureServices = null)
    {
        _connectionString = connectionString;
        _configureServices = configureServices;
        _settings = settings ?? new Dictionary<string, string?>();
        Clock = clock;
        UseKestrel(HttpPort);
    }

    public int HttpPort { get; } = FreePorts.Next();

    public int SiloPort { get; } = FreePorts.Next();

    public int GatewayPort { get; } = FreePorts.Next();

    public string BaseUrl => $"http://127.0.0.1:{HttpPort}";

    /// <summary>Every line the service logged.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The service's clock when the test moves time itself; null for the system clock.</summary>
    public FakeTimeProvider? Clock { get; }

    /// <summary>Starts the host (silo and HTTP) if it is not running yet.</summary>
    public LayersFactory Start()
    {
        StartServer();
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Layers"] = _connectionString,
            ["Layers:AdminToken"] = AdminToken,
            ["Layers:PublicBaseUrl"] = BaseUrl,
            ["Layers:EncryptionKeys:0:Id"] = "test1",
            ["Layers:EncryptionKeys:0:Key"] = EncryptionKey,
            ["Orleans:SiloPort"] = SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Layers:Webhooks:AllowPrivateNetworks"] = "true",
        };
        foreach (var (key, value) in _settings)
        {
            values[key] = value;
        }

        // Host settings are what Program reads while it composes the silo.
        foreach (var (key, value) in values)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(values));
        // The service's own log levels (appsettings.json) apply; the lines are kept instead of printed.
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Logs));
        if (Clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddKeyedSingleton<TimeProvider>(LayersTime.Key, Clock));
        }

        if (_configureServices is not null)
        {
            builder.ConfigureTestServices(_configureServices);
        }
    }
}
