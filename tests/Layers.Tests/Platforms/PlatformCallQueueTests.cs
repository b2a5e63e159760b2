using System.Net;
using System.Net.Sockets;
using System.Text;
using Layers.Platforms.Instagram;
using Layers.Platforms.TikTok;
using Microsoft.Extensions.DependencyInjection;

namespace Layers.Tests.Platforms;

/// <summary>
/// Thousands of posts due at one instant make thousands of platform calls at once: beyond the clients' concurrency
/// they wait for a turn instead of being refused unsent (which would put every such post off by minutes).
/// </summary>
public sealed class PlatformCallQueueTests(PlatformSandboxFixture sandbox) : IClassFixture<PlatformSandboxFixture>
{
    [Theory]
    [InlineData(TikTokClient.ApiHttpClient)]
    [InlineData(InstagramClient.ApiHttpClient)]
    public async Task MoreCallsAtOnceThanTheClientRunsAllGetThrough(string clientName)
    {
        using var http = sandbox.Factory.Services.GetRequiredService<IHttpClientFactory>().CreateClient(clientName);
        var url = new Uri(new Uri(sandbox.Factory.BaseUrl), "/healthz");

        var answers = await Task.WhenAll(Enumerable.Range(0, 1_500).Select(async _ =>
        {
            using var response = await http.GetAsync(url);
            return response.IsSuccessStatusCode;
        }));

        Assert.All(answers, Assert.True);
    }

    /// <summary>
    /// Publish calls and token exchanges are never retried, but they too wait for a turn: a burst of due posts once
    /// opened a connection per post until the process ran out of file handles. Connections stay near the number of
    /// turns (256): a turn ends when the answer's headers arrive, a moment before its connection is free again, so a
    /// few more may open, never one per call.
    /// </summary>
    [Theory]
    [InlineData(TikTokClient.OAuthHttpClient)]
    [InlineData(InstagramClient.OAuthHttpClient)]
    [InlineData(TikTokClient.ApiHttpClient)]
    [InlineData(InstagramClient.ApiHttpClient)]
    public async Task CallsBeyondTheConcurrencyWaitForAConnectionAlreadyOpen(string clientName)
    {
        await using var platform = new CountingPlatform();
        using var http = sandbox.Factory.Services.GetRequiredService<IHttpClientFactory>().CreateClient(clientName);

        var answers = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(async _ =>
        {
            using var response = await http.PostAsync(platform.Url, new StringContent("{}"));
            return response.IsSuccessStatusCode;
        }));

        Assert.All(answers, Assert.True);
        Assert.InRange(platform.Connections, 1, 512);
    }

    /// <summary>A bare HTTP/1.1 endpoint that counts the connections made to it and answers each request a little later.</summary>
    private sealed class CountingPlatform : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;
        private int _connections;

        public CountingPlatform()
        {
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v2/post/publish/video/init/");

        public int Connections => Volatile.Read(ref _connections);

        private async Task AcceptAsync()
        {
            var connections = new List<Task>();
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    Interlocked.Increment(ref _connections);
                    connections.Add(AnswerAsync(client));
                }
            }
            catch (OperationCanceledException)
            {
                await Task.WhenAll(connections);
            }
        }

        private async Task AnswerAsync(TcpClient client)
        {
            using var _ = client;
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            var answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var length = 0;
                    string? line;
                    while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync(_stop.Token)))
                    {
                        if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                        {
                            length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                        }
                    }

                    if (line is null)
                    {
                        return;
                    }

                    var body = new char[length];
                    await reader.ReadBlockAsync(body, _stop.Token);
                    await Task.Delay(10, _stop.Token);
                    await stream.WriteAsync(answer, _stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The client closed the connection, or the test is over.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting;
            _stop.Dispose();
        }
    }
}
