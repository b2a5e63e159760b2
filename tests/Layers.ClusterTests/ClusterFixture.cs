using System.Net.Http.Headers;
using System.Text.Json;

namespace Layers.ClusterTests;

/// <summary>The cluster the tests of <see cref="ClusterCollection"/> share.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string AdminToken = Cluster.AdminToken;

    private Cluster _cluster = null!;

    public Node Silo1 => _cluster.Silo1;

    public Node Silo2 => _cluster.Silo2;

    public Node Front => _cluster.Front;

    public async Task InitializeAsync() => _cluster = await Cluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    /// <summary>A new co-hosted silo joining the running cluster.</summary>
    public Task<Node> StartSiloAsync(string name) => _cluster.StartSiloAsync(name);

    /// <summary>A new organization and partner key, made through the front.</summary>
    public Task<string> NewApiKeyAsync() => _cluster.NewApiKeyAsync();

    public static HttpClient Client(Node node, string? apiKey = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(node.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey ?? AdminToken);
        return client;
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
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
