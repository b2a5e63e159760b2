using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Layers.ClusterTests;

/// <summary>
/// A real cluster on one machine: two co-hosted silos and a client-role front, separate processes on one
/// PostgreSQL. The front also hosts the sandbox platforms, so they outlive a killed silo; the silos call them there.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string AdminToken = "cluster-operator-token-0123456789";

    public Node Silo1 { get; private set; } = null!;

    public Node Silo2 { get; private set; } = null!;

    public Node Front { get; private set; } = null!;

    private Dictionary<string, string> _common = [];

    /// <summary>A new co-hosted silo joining the running cluster.</summary>
    public async Task<Node> StartSiloAsync(string name)
    {
        var node = new Node(name, Silo(_common), Node.FreePort());
        await node.StartAsync();
        return node;
    }

    public async Task InitializeAsync()
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

        _common = common;
        Silo1 = new Node("silo1", Silo(common), Node.FreePort());
        Silo2 = new Node("silo2", Silo(common), Node.FreePort());
        Front = new Node("front", new Dictionary<string, string>(common) { ["Orleans__Role"] = "client" }, frontPort);
        await Task.WhenAll(Silo1.StartAsync(), Silo2.StartAsync());
        await Front.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Front.DisposeAsync();
        await Silo1.DisposeAsync();
        await Silo2.DisposeAsync();
    }

    public static HttpClient Client(Node node, string? apiKey = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(node.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey ?? AdminToken);
        return client;
    }

    /// <summary>A new organization and partner key, made through the front.</summary>
    public async Task<string> NewApiKeyAsync()
    {
        using var admin = Client(Front);
        var org = await ReadAsync(await admin.PostAsJsonAsync("/v1/admin/orgs", new { name = "Cluster org" }));
        var key = await ReadAsync(await admin.PostAsJsonAsync($"/v1/admin/orgs/{org.GetProperty("id").GetString()}/api-keys",
            new { name = "cluster", allowedReturnDomains = new[] { "app.example.com" }, rateLimitTier = "partner" }));
        return key.GetProperty("key").GetString()!;
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    private static Dictionary<string, string> Silo(Dictionary<string, string> common) => new(common)
    {
        ["Orleans__Role"] = "cohosted",
        ["Orleans__SiloPort"] = Node.FreePort().ToString(CultureInfo.InvariantCulture),
        ["Orleans__GatewayPort"] = Node.FreePort().ToString(CultureInfo.InvariantCulture),
    };
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
