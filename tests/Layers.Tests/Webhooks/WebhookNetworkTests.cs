using System.Net;
using System.Net.Http.Json;
using System.Text;
using Layers.Tests.Infrastructure;
using Layers.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Layers.Tests.Webhooks;

/// <summary>Where webhooks may go: the address rules, their check at connect time, redirects and response size.</summary>
public sealed class WebhookNetworkTests
{
    [Theory]
    [InlineData("8.8.8.8", WebhookAddressKind.Public)]
    [InlineData("2606:4700:4700::1111", WebhookAddressKind.Public)]
    [InlineData("127.0.0.1", WebhookAddressKind.Loopback)]
    [InlineData("127.45.0.9", WebhookAddressKind.Loopback)]
    [InlineData("::1", WebhookAddressKind.Loopback)]
    [InlineData("10.1.2.3", WebhookAddressKind.Private)]
    [InlineData("172.16.0.1", WebhookAddressKind.Private)]
    [InlineData("172.31.255.255", WebhookAddressKind.Private)]
    [InlineData("192.168.1.20", WebhookAddressKind.Private)]
    [InlineData("100.64.0.1", WebhookAddressKind.Private)]
    [InlineData("fd12:3456::1", WebhookAddressKind.Private)]
    [InlineData("::ffff:10.0.0.1", WebhookAddressKind.Private)]
    [InlineData("64:ff9b::10.0.0.1", WebhookAddressKind.Private)]
    [InlineData("169.254.1.1", WebhookAddressKind.LinkLocal)]
    [InlineData("fe80::1", WebhookAddressKind.LinkLocal)]
    [InlineData("169.254.169.254", WebhookAddressKind.Metadata)]
    [InlineData("fd00:ec2::254", WebhookAddressKind.Metadata)]
    [InlineData("100.100.100.200", WebhookAddressKind.Metadata)]
    [InlineData("::ffff:169.254.169.254", WebhookAddressKind.Metadata)]
    [InlineData("2002:a9fe:a9fe::1", WebhookAddressKind.Metadata)]
    [InlineData("0.0.0.0", WebhookAddressKind.Reserved)]
    [InlineData("::", WebhookAddressKind.Reserved)]
    [InlineData("224.0.0.1", WebhookAddressKind.Reserved)]
    [InlineData("255.255.255.255", WebhookAddressKind.Reserved)]
    public void EveryAddressFallsInItsRange(string address, WebhookAddressKind kind) =>
        Assert.Equal(kind, WebhookAddressPolicy.Classify(IPAddress.Parse(address)));

    [Fact]
    public async Task LoopbackIsRefusedUnlessTrialModeOrConfigurationAllowsItAndMetadataAlways()
    {
        var strict = Policy(allowPrivate: false, allowLoopback: false);
        Assert.Contains("loopback", await strict.FindProblemAsync(new Uri("http://127.0.0.1:8080/hook"), default));
        Assert.Contains("loopback", await strict.FindProblemAsync(new Uri("http://localhost:8080/hook"), default));
        Assert.Contains("private", await strict.FindProblemAsync(new Uri("https://10.20.30.40/hook"), default));
        Assert.Null(await strict.FindProblemAsync(new Uri("https://93.184.215.14/hook"), default));

        foreach (var spelling in new[]
        {
            "https://localhost./x", "https://LOCALHOST./x", "https://hooks.localhost/x", "https://hooks.localhost./x",
            "https://2130706433/x", "https://0x7f000001/x", "https://0x7f.1/x", "https://0177.0.0.1/x", "https://127.1/x",
            "https://[::1]/x", "https://[0:0:0:0:0:0:0:1]/x", "https://[::ffff:127.0.0.1]/x", "https://[::ffff:7f00:1]/x",
        })
        {
            Assert.Contains("loopback", await strict.FindProblemAsync(new Uri(spelling), default));
        }

        var trial = Policy(allowPrivate: false, allowLoopback: true);
        Assert.Null(await trial.FindProblemAsync(new Uri("http://localhost:8080/hook"), default));
        Assert.Contains("private", await trial.FindProblemAsync(new Uri("https://192.168.0.10/hook"), default));

        var open = Policy(allowPrivate: true, allowLoopback: false);
        Assert.Null(await open.FindProblemAsync(new Uri("https://10.20.30.40/hook"), default));
        Assert.Contains("metadata", await open.FindProblemAsync(new Uri("http://169.254.169.254/latest/meta-data/"), default));
        Assert.Contains("metadata", await open.FindProblemAsync(new Uri("https://metadata.google.internal/"), default));
    }

    [Fact]
    public async Task PrivateAndLinkLocalEndpointsAreRefusedWithAClear422WhenNotAllowed()
    {
        await using var factory = new LayersFactory(null, new Dictionary<string, string?> { ["Layers:Webhooks:AllowPrivateNetworks"] = "false" }).Start();
        var tenant = await TestTenant.CreateAsync(factory, tier: "partner");
        foreach (var (url, what) in new[]
        {
            ("https://10.0.0.8/hooks", "10.0.0.8 is a private network address"),
            ("https://192.168.1.20/hooks", "192.168.1.20 is a private network address"),
            ("https://172.20.1.1/hooks", "172.20.1.1 is a private network address"),
            ("https://[fe80::1]/hooks", "fe80::1 is a link-local address"),
            ("https://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address"),
        })
        {
            using var response = await tenant.Client.PostAsJsonAsync("/v1/webhook-endpoints", new { url, events = new[] { "*" } });
            var error = await response.AssertError(422, "VALIDATION");
            var issue = Assert.Single(error.GetProperty("details").GetProperty("issues").EnumerateArray());
            Assert.Equal("url", issue.GetProperty("path").GetString());
            Assert.StartsWith(what, issue.GetProperty("message").GetString());
        }

        // Trial mode still takes a local receiver, so partners can develop against one.
        await using var receiver = await WebhookReceiver.StartAsync(TimeProvider.System);
        var local = receiver.Url("local").Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var (id, secret) = await new WebhookDriver(factory, tenant).CreateEndpointAsync(local);
        receiver.Trust("local", secret);
        await new WebhookDriver(factory, tenant).SendTestAsync(id);
        await receiver.WaitForEventAsync("local", "test.ping");
    }

    [Fact]
    public async Task TheSenderChecksTheAddressWhenItConnectsFollowsNoRedirectAndReadsLittleOfTheAnswer()
    {
        await using var receiver = await WebhookReceiver.StartAsync(TimeProvider.System);
        var outgoing = new WebhookOutgoing(receiver.Url("direct"), Encoding.UTF8.GetBytes("{}"), "whd_x", "evt_x", "test.ping", "t=1,v1=00");

        // A URL that passed its check may later resolve elsewhere: the connection itself is checked.
        var refused = await Sender(allowPrivate: false).SendAsync(outgoing, default);
        Assert.False(refused.Delivered);
        Assert.Equal(WebhookErrorCodes.AddressRefused, refused.Error);
        Assert.Equal(0, receiver.ArrivedOn("direct"));

        var sender = Sender(allowPrivate: true);
        Assert.True((await sender.SendAsync(outgoing, default)).Delivered);
        Assert.Equal(1, receiver.ArrivedOn("direct"));

        receiver.Respond("moved", _ => 307);
        var redirected = await sender.SendAsync(outgoing with { Url = receiver.Url("moved") }, default);
        Assert.False(redirected.Delivered);
        Assert.Equal(307, redirected.StatusCode);
        Assert.Equal(WebhookErrorCodes.UnexpectedStatus, redirected.Error);
        Assert.Equal(0, receiver.ArrivedOn("moved-redirected"));

        receiver.Respond("chatty", _ => 500);
        receiver.Answer("chatty", new string('x', 1_000_000));
        var chatty = await sender.SendAsync(outgoing with { Url = receiver.Url("chatty") }, default);
        Assert.Equal(500, chatty.StatusCode);
        Assert.Equal(WebhookSender.MaxStoredResponseChars, chatty.ResponseBody!.Length);
    }

    private static WebhookAddressPolicy Policy(bool allowPrivate, bool allowLoopback) =>
        new(Microsoft.Extensions.Options.Options.Create(new WebhookOptions { AllowPrivateNetworks = allowPrivate, AllowLoopback = allowLoopback }));

    private static WebhookSender Sender(bool allowPrivate)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Layers:Webhooks:AllowPrivateNetworks"] = allowPrivate ? "true" : "false" })
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddWebhooks(trialMode: false);
        return services.BuildServiceProvider().GetRequiredService<WebhookSender>();
    }
}
