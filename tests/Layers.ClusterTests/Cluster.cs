using System.Globalization;
using System.Net.Http.Json;
using Npgsql;

namespace Layers.ClusterTests;

/// <summary>
/// A real cluster on one machine: two co-hosted silos and a client-role front, separate processes on their own
/// database of the test PostgreSQL. The front also hosts the sandbox platforms, so they outlive a killed silo; the
/// silos call them there.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    public const string AdminToken = "cluster-operator-token-0123456789";

    private readonly Dictionary<string, string> _common;

    private Cluster(Dictionary<string, string> common, Node silo1, Node silo2, Node front)
    {
        _common = common;
        Silo1 = silo1;
        Silo2 = silo2;
        Front = front;
    }

    public Node Silo1 { get; }

    public Node Silo2 { get; }

    public Node Front { get; }

    /// <summary>Starts the three processes on a new database; <paramref name="settings"/> are added to every process's.</summary>
    public static async Task<Cluster> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var admin = Environment.GetEnvironmentVariable("LAYERS_TEST_PG_ADMIN")
            ?? throw new InvalidOperationException("LAYERS_TEST_PG_ADMIN is not set: run the tests with scripts/test.sh.");
        var database = "layers_cluster_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var frontPort = Node.FreePort();
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__Layers"] = new NpgsqlConnectionStringBuilder(admin) { Database = database, MaxPoolSize = 40 }.ConnectionString,
            ["Layers__AdminToken"] = AdminToken,
            ["Layers__PublicBaseUrl"] = $"http://127.0.0.1:{frontPort}",
            ["Layers__Platforms__SandboxApiBaseUrl"] = $"http://127.0.0.1:{frontPort}",
            ["Layers__EncryptionKeys__0__Id"] = "cluster",
            ["Layers__EncryptionKeys__0__Key"] = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
            ["Orleans__ClusterId"] = database,
            ["Orleans__ServiceId"] = database,
            // Declare a killed silo dead within seconds rather than the production default.
            ["Orleans__Membership__NumVotesForDeathDeclaration"] = "1",
            ["Orleans__Membership__NumMissedProbesLimit"] = "2",
            ["Orleans__Membership__ProbeTimeout"] = "00:00:02",
            ["Orleans__Membership__TableRefreshTimeout"] = "00:00:02",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            common[name] = value;
        }

        var silo1 = new Node("silo1", Silo(common), Node.FreePort());
        var silo2 = new Node("silo2", Silo(common), Node.FreePort());
        var front = new Node("front", new Dictionary<string, string>(common) { ["Orleans__Role"] = "client" }, frontPort);
        var cluster = new Cluster(common, silo1, silo2, front);
        try
        {
            await Task.WhenAll(silo1.StartAsync(), silo2.StartAsync());
            await front.StartAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>A new co-hosted silo joining the running cluster.</summary>
    public async Task<Node> StartSiloAsync(string name)
    {
        var node = new Node(name, Silo(_common), Node.FreePort());
        await node.StartAsync();
        return node;
    }

    /// <summary>A new organization and partner key, made through the front.</summary>
    public async Task<string> NewApiKeyAsync()
    {
        using var admin = ClusterFixture.Client(Front);
        var org = await ClusterFixture.ReadAsync(await admin.PostAsJsonAsync("/v1/admin/orgs", new { name = "Cluster org" }));
        var key = await ClusterFixture.ReadAsync(await admin.PostAsJsonAsync($"/v1/admin/orgs/{org.GetProperty("id").GetString()}/api-keys",
            new { name = "cluster", allowedReturnDomains = new[] { "app.example.com" }, rateLimitTier = "partner" }));
        return key.GetProperty("key").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await Front.DisposeAsync();
        await Silo1.DisposeAsync();
        await Silo2.DisposeAsync();
    }

    private static Dictionary<string, string> Silo(Dictionary<string, string> common) => new(common)
    {
        ["Orleans__Role"] = "cohosted",
        ["Orleans__SiloPort"] = Node.FreePort().ToString(CultureInfo.InvariantCulture),
        ["Orleans__GatewayPort"] = Node.FreePort().ToString(CultureInfo.InvariantCulture),
    };
}
