using System.Text;
using Layers.Events;
using Layers.Webhooks;

namespace Layers.Tests.Webhooks;

/// <summary>The service's signatures against the receiver's own check, written from the contract alone.</summary>
public sealed class WebhookSignatureTests
{
    [Fact]
    public void TheReceiversCheckAcceptsTheServicesSignatureAndRejectsStaleTamperedOrForeignOnes()
    {
        var now = DateTimeOffset.UtcNow;
        var t = now.ToUnixTimeSeconds();
        var record = new EventRecord("evt_01JS0000000000000000000000", "test.ping", new DateTimeOffset(2026, 4, 18, 12, 30, 0, TimeSpan.Zero),
            "org_01JS0000000000000000000000", null, "{\"webhookEndpointId\":\"whe_1\",\"note\":\"café\"}");
        var body = WebhookPayload.Serialize(record);
        Assert.Equal(
            "{\"id\":\"evt_01JS0000000000000000000000\",\"type\":\"test.ping\",\"createdAt\":\"2026-04-18T12:30:00Z\",\"projectId\":null," +
            "\"data\":{\"webhookEndpointId\":\"whe_1\",\"note\":\"café\"}}",
            Encoding.UTF8.GetString(body));

        var secret = WebhookSecrets.New();
        var other = WebhookSecrets.New();
        var header = WebhookPayload.SignatureHeader(t, [WebhookPayload.Sign(other, t, body), WebhookPayload.Sign(secret, t, body)]);
        Assert.Equal(2, SignatureVerifier.SignatureCount(header));
        Assert.True(SignatureVerifier.Verify(header, body, secret, now));
        Assert.True(SignatureVerifier.Verify(header, body, other, now));
        Assert.True(SignatureVerifier.Verify(header, body, secret, now + TimeSpan.FromMinutes(4.9)));
        Assert.False(SignatureVerifier.Verify(header, body, secret, now + TimeSpan.FromMinutes(5.1)));
        Assert.False(SignatureVerifier.Verify(header, body, secret, now - TimeSpan.FromMinutes(5.1)));
        Assert.False(SignatureVerifier.Verify(header, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("café", "cafe", StringComparison.Ordinal)), secret, now));
        Assert.False(SignatureVerifier.Verify(header, body, WebhookSecrets.New(), now));
        Assert.False(SignatureVerifier.Verify($"t={t}", body, secret, now));
        Assert.False(SignatureVerifier.Verify(header.Replace($"t={t}", $"t={t + 1}", StringComparison.Ordinal), body, secret, now));
    }
}
