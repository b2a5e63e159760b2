using System.Text;
using System.Text.Json;
using Layers.Api.Http;

namespace Layers.Tests.Unit;

public sealed class ServerErrorEnvelopeTests
{
    private const string KestrelRefusal = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\nDate: Thu, 03 Dec 2026 06:00:00 GMT\r\nServer: Kestrel\r\n\r\n";

    [Fact]
    public void TheServersOwnRefusalGetsTheEnvelopeAndARequestId()
    {
        var rewritten = Encoding.ASCII.GetString(ServerErrorEnvelope.Rewrite(Encoding.ASCII.GetBytes(KestrelRefusal), () => "req_1")!);
        var split = rewritten.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var (head, body) = (rewritten[..split], rewritten[(split + 4)..]);
        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", head, StringComparison.Ordinal);
        Assert.Contains($"\r\nContent-Length: {body.Length}\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Request-Id: req_1\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close\r\n", head, StringComparison.Ordinal);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal("VALIDATION", error.GetProperty("code").GetString());
        Assert.Equal("req_1", error.GetProperty("requestId").GetString());
    }

    [Theory]
    [InlineData("HTTP/1.1 404 Not Found\r\nContent-Length: 98\r\nContent-Type: application/json; charset=utf-8\r\nDate: x\r\n\r\n")]
    [InlineData("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n")]
    [InlineData("{\"error\":{\"code\":\"VALIDATION\"}}")]
    public void EverythingTheServiceWritesPassesUntouched(string written) =>
        Assert.Null(ServerErrorEnvelope.Rewrite(Encoding.ASCII.GetBytes(written), () => "req_1"));
}
