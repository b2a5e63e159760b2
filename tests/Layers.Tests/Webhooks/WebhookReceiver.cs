using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Layers.Tests.Webhooks;

/// <summary>
/// A partner's webhook receiver on a real loopback port. Each path can answer as the test wants (fail n times,
/// always fail, or hold the request open); every request is recorded. A path that trusts secrets checks each
/// signature on arrival, against the receiver's clock, and answers 400 to one that none of them verifies.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, Func<int, Task<int>>> _responders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string[]> _secrets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _bodies = new(StringComparer.Ordinal);

    private WebhookReceiver(WebApplication app, TimeProvider clock)
    {
        _app = app;
        Clock = clock;
    }

    /// <summary>The clock the receiver checks signature timestamps against (the service's clock).</summary>
    public TimeProvider Clock { get; }

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<ReceivedWebhook> All => [.. _received];

    public static async Task<WebhookReceiver> StartAsync(TimeProvider clock, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, clock);
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseUrl = address.TrimEnd('/');
        return receiver;
    }

    public string Url(string path) => $"{BaseUrl}/{path}";

    /// <summary>How <paramref name="path"/> answers its n-th request (1-based); 200 unless told otherwise.</summary>
    public void Respond(string path, Func<int, int> status) => _responders[path] = n => Task.FromResult(status(n));

    public void Respond(string path, Func<int, Task<int>> status) => _responders[path] = status;

    /// <summary>What <paramref name="path"/> writes in its answers.</summary>
    public void Answer(string path, string body) => _bodies[path] = body;

    /// <summary>The signing secrets <paramref name="path"/> accepts (what the partner stored when it was shown).</summary>
    public void Trust(string path, params string[] secrets) => _secrets[path] = secrets;

    public IReadOnlyList<ReceivedWebhook> On(string path) => [.. _received.Where(r => r.Path == path)];

    /// <summary>Requests that reached <paramref name="path"/>, including ones still held open.</summary>
    public int ArrivedOn(string path) => _counts.GetValueOrDefault(path);

    /// <summary>Waits until <paramref name="path"/> has at least <paramref name="count"/> requests.</summary>
    public Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(string path, int count, TimeSpan? timeout = null) =>
        WaitAsync(() => On(path) is { } got && got.Count >= count ? got : null, timeout, $"{count} request(s) on /{path}");

    /// <summary>Waits until an event of <paramref name="type"/> arrives on <paramref name="path"/> and answered 2xx.</summary>
    public Task<ReceivedWebhook> WaitForEventAsync(string path, string type, Func<ReceivedWebhook, bool>? match = null, TimeSpan? timeout = null) =>
        WaitAsync(() => On(path).FirstOrDefault(r => r.AnsweredStatus is >= 200 and < 300 && r.EventType == type && (match?.Invoke(r) ?? true)),
            timeout, $"a {type} event on /{path}");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<T> WaitAsync<T>(Func<T?> probe, TimeSpan? timeout, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The receiver never saw {what}.");
            }

            await Task.Delay(50);
        }
    }

    private async Task HandleAsync(HttpContext context, string path)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var n = _counts.AddOrUpdate(path, 1, (_, c) => c + 1);
        var receivedAt = Clock.GetUtcNow();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var signature = headers.GetValueOrDefault("X-Layers-Signature");
        var trusted = _secrets.GetValueOrDefault(path);
        var verifiedWith = trusted?.Where(secret => SignatureVerifier.Verify(signature, body.ToArray(), secret, receivedAt)).ToList() ?? [];
        var status = _responders.TryGetValue(path, out var responder) ? await responder(n) : (int)HttpStatusCode.OK;
        if (trusted is not null && verifiedWith.Count == 0)
        {
            status = (int)HttpStatusCode.BadRequest;
        }

        _received.Enqueue(new ReceivedWebhook(path, receivedAt, headers, body.ToArray(), status, verifiedWith));
        context.Response.StatusCode = status;
        if (status is >= 300 and < 400)
        {
            context.Response.Headers.Location = $"/{path}-redirected";
        }

        await context.Response.WriteAsync(_bodies.GetValueOrDefault(path) ?? (status is >= 200 and < 300 ? "ok" : "receiver says no"));
    }
}
