using Layers.Api.Hosting;
using Microsoft.Extensions.Configuration;

namespace Layers.Tests.Unit;

/// <summary>The public base URL follows the address the service listens on unless it is set.</summary>
public sealed class PublicBaseUrlTests
{
    [Theory]
    [InlineData("http://localhost:6301", "http://localhost:6301")]
    [InlineData("http://127.0.0.1:6301/;https://localhost:6302", "http://127.0.0.1:6301")]
    [InlineData("http://*:8081", "http://localhost:8081")]
    [InlineData("http://+:8082", "http://localhost:8082")]
    [InlineData("http://0.0.0.0:8083", "http://localhost:8083")]
    [InlineData("http://[::]:8084", "http://localhost:8084")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void TheFirstListeningAddressGivesTheBaseUrl(string? urls, string? expected) =>
        Assert.Equal(expected, ApiHosting.PublicBaseUrlFrom(urls));

    [Fact]
    public void AConfiguredPublicBaseUrlWinsAndAMissingOneFollowsUrls()
    {
        var following = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = "http://localhost:6301" }).Build();
        ApiHosting.FollowListeningAddress(following);
        Assert.Equal("http://localhost:6301", following["Layers:PublicBaseUrl"]);

        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://localhost:6301",
            ["Layers:PublicBaseUrl"] = "https://api.example.com",
        }).Build();
        ApiHosting.FollowListeningAddress(configured);
        Assert.Equal("https://api.example.com", configured["Layers:PublicBaseUrl"]);
    }
}
