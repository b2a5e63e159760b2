using Layers.Platforms;
using Layers.Platforms.Instagram;
using Layers.Platforms.TikTok;
using Microsoft.Extensions.Configuration;

namespace Layers.Tests.Platforms;

public sealed class PlatformOptionsTests
{
    [Fact]
    public void WithoutCredentialsBothPlatformsPointAtTheSimulatorsOnThePublicBaseUrl()
    {
        var configuration = Configuration(new() { ["Layers:PublicBaseUrl"] = "https://layers.example/" });
        var tiktok = new TikTokOptions();
        var instagram = new InstagramOptions();

        new PlatformOptionsSetup<TikTokOptions>(configuration, "tiktok").PostConfigure(null, tiktok);
        new PlatformOptionsSetup<InstagramOptions>(configuration, "instagram").PostConfigure(null, instagram);

        Assert.True(tiktok.IsSandbox);
        Assert.Equal("sandbox-client", tiktok.ClientKey);
        Assert.Equal("sandbox-secret", tiktok.ClientSecret);
        Assert.Equal("https://layers.example/sandbox/tiktok/oauth/authorize", tiktok.AuthorizeUrl);
        Assert.Equal("https://layers.example/sandbox/tiktok", tiktok.ApiBaseUrl);
        Assert.True(instagram.IsSandbox);
        Assert.Equal("sandbox-client", instagram.ClientId);
        Assert.Equal("https://layers.example/sandbox/instagram/oauth/authorize", instagram.AuthorizeUrl);
        Assert.Equal("https://layers.example/sandbox/instagram", instagram.ApiBaseUrl);
        Assert.Equal("https://layers.example/sandbox/instagram", instagram.GraphBaseUrl);
    }

    [Fact]
    public void TheDefaultPublicBaseUrlIsLocalhost8080AndServerCallsMayUseAnotherAddress()
    {
        var configuration = Configuration(new() { ["Layers:Platforms:SandboxApiBaseUrl"] = "http://api:8080" });
        var tiktok = new TikTokOptions();

        new PlatformOptionsSetup<TikTokOptions>(configuration, "tiktok").PostConfigure(null, tiktok);

        Assert.Equal("http://localhost:8080/sandbox/tiktok/oauth/authorize", tiktok.AuthorizeUrl);
        Assert.Equal("http://api:8080/sandbox/tiktok", tiktok.ApiBaseUrl);
    }

    [Fact]
    public void WithCredentialsThePlatformsOwnEndpointsStay()
    {
        var configuration = Configuration(new() { ["Layers:PublicBaseUrl"] = "https://layers.example" });
        var tiktok = new TikTokOptions { ClientKey = "key", ClientSecret = "secret" };
        var instagram = new InstagramOptions { ClientId = "id", ClientSecret = "secret" };

        new PlatformOptionsSetup<TikTokOptions>(configuration, "tiktok").PostConfigure(null, tiktok);
        new PlatformOptionsSetup<InstagramOptions>(configuration, "instagram").PostConfigure(null, instagram);

        Assert.False(tiktok.IsSandbox);
        Assert.Equal("https://www.tiktok.com/v2/auth/authorize/", tiktok.AuthorizeUrl);
        Assert.Equal("https://open.tiktokapis.com", tiktok.ApiBaseUrl);
        Assert.False(instagram.IsSandbox);
        Assert.Equal("https://www.instagram.com/oauth/authorize", instagram.AuthorizeUrl);
        Assert.Equal("https://api.instagram.com", instagram.ApiBaseUrl);
        Assert.Equal("https://graph.instagram.com", instagram.GraphBaseUrl);
        Assert.Equal("v26.0", instagram.GraphVersion);
    }

    [Fact]
    public void AClientKeyWithoutASecretIsRefusedAtStart()
    {
        var result = new PlatformOptionsValidator<TikTokOptions>().Validate(null, new TikTokOptions { ClientKey = "key" });

        Assert.True(result.Failed);
        Assert.Contains("Layers:Platforms:TikTok:ClientSecret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void InstagramRefusesAGraphVersionThatIsNotOne()
    {
        var result = new PlatformOptionsValidator<InstagramOptions>().Validate(null, new InstagramOptions { ClientId = "id", ClientSecret = "s", GraphVersion = "v26.0/x" });

        Assert.True(result.Failed);
        Assert.Contains("Layers:Platforms:Instagram:GraphVersion", result.FailureMessage, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
