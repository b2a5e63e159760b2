using System.Net;
using System.Text;

namespace Layers.Tests.Platforms;

/// <summary>
/// Answers every platform call with a scripted response and remembers the requests, for failure shapes the
/// sandbox never produces (rate limits, outages, live credentials).
/// </summary>
public sealed class StubPlatformHttp(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler, IHttpClientFactory
{
    public List<(HttpMethod Method, Uri Uri, string? Body)> Requests { get; } = [];

    public static StubPlatformHttp Json(HttpStatusCode status, string json) =>
        new(_ => new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

    /// <summary>The scripted answer to <paramref name="request"/>, without recording it.</summary>
    public HttpResponseMessage Respond(HttpRequestMessage request) => respond(request);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add((request.Method, request.RequestUri!, body));
        }

        return respond(request);
    }
}
