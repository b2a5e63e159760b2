using System.Net;
using Layers.Platforms;
using Layers.SocialAccounts;
using Microsoft.Extensions.DependencyInjection;

namespace Layers.Tests.Platforms;

public sealed class SandboxModeTests(SandboxModeFixture fixture) : IClassFixture<SandboxModeFixture>
{
    private IPlatformClients Clients => fixture.Factory.Services.GetRequiredService<IPlatformClients>();

    [Fact]
    public async Task APlatformWithCredentialsRunsLiveAndItsSimulatorIsNotServed()
    {
        var tiktok = Clients.Get(PlatformNames.TikTok);
        Assert.False(tiktok.IsSandbox);
        Assert.StartsWith("https://www.tiktok.com/v2/auth/authorize/?client_key=live-client-key&",
            tiktok.BuildAuthorizeUrl("st_live", [], "https://layers.example/cb"), StringComparison.Ordinal);

        using var authorize = await fixture.Http.GetAsync("/sandbox/tiktok/oauth/authorize?client_key=sandbox-client");
        Assert.Equal(HttpStatusCode.NotFound, authorize.StatusCode);
        using var control = await fixture.Http.GetAsync("/sandbox/tiktok/control/users/someone");
        Assert.Equal(HttpStatusCode.NotFound, control.StatusCode);
    }

    [Fact]
    public async Task APlatformWithoutCredentialsKeepsItsSimulator()
    {
        Assert.True(Clients.Get(PlatformNames.Instagram).IsSandbox);

        using var control = await fixture.Http.GetAsync("/sandbox/instagram/control/users/someone");
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
    }

    [Fact]
    public async Task TheSimulatorsStayOutOfTheOpenApiDocument()
    {
        var document = await fixture.Http.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/v1/", document, StringComparison.Ordinal);
        Assert.DoesNotContain("/sandbox/", document, StringComparison.Ordinal);
    }
}
