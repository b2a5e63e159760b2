using System.Net;
using System.Net.Http.Headers;

namespace Layers.Media;

/// <summary>
/// Answers requests for sandbox media (<see cref="SyntheticMediaFile"/>) as a file server would: <c>GET</c> and
/// <c>HEAD</c>, one byte range (206 with <c>Content-Range</c>, 416 past the end), 404 for a missing file. Any other
/// host goes on to the network. Used only while a platform runs in sandbox mode.
/// </summary>
public sealed class SyntheticMediaHandler : DelegatingHandler
{
    private readonly bool _enabled;

    /// <param name="enabled">False when every platform runs live: the handler then only passes requests on.</param>
    public SyntheticMediaHandler(bool enabled = true) => _enabled = enabled;

    public SyntheticMediaHandler(HttpMessageHandler inner)
        : base(inner) => _enabled = true;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!_enabled || request.RequestUri is not { } url || !SyntheticMediaFile.IsReservedHost(url.Host))
        {
            return base.SendAsync(request, cancellationToken);
        }

        return Task.FromResult(Answer(request, url));
    }

    public static HttpResponseMessage Answer(HttpRequestMessage request, Uri url)
    {
        if (SyntheticMediaFile.For(url) is not { } file)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request, Content = new ByteArrayContent([]) };
        }

        long from = 0, to = file.Length - 1;
        var status = HttpStatusCode.OK;
        if (request.Headers.Range is { Unit: "bytes", Ranges.Count: 1 } range)
        {
            var asked = range.Ranges.First();
            (from, to) = asked.From is { } start
                ? (start, Math.Min(asked.To ?? file.Length - 1, file.Length - 1))
                : (Math.Max(0, file.Length - (asked.To ?? 0)), file.Length - 1);
            if (from >= file.Length || from > to)
            {
                var refused = new HttpResponseMessage(HttpStatusCode.RequestedRangeNotSatisfiable) { RequestMessage = request, Content = new ByteArrayContent([]) };
                refused.Content.Headers.ContentRange = new ContentRangeHeaderValue(file.Length);
                return refused;
            }

            status = HttpStatusCode.PartialContent;
        }

        var content = new StreamContent(new SyntheticMediaStream(file, from, to - from + 1));
        content.Headers.ContentType = new MediaTypeHeaderValue(file.MimeType);
        content.Headers.ContentLength = to - from + 1;
        if (status == HttpStatusCode.PartialContent)
        {
            content.Headers.ContentRange = new ContentRangeHeaderValue(from, to, file.Length);
        }

        var response = new HttpResponseMessage(status) { RequestMessage = request, Content = content };
        response.Headers.AcceptRanges.Add("bytes");
        if (request.Method == HttpMethod.Head)
        {
            response.Content = new ByteArrayContent([]);
            response.Content.Headers.ContentType = content.Headers.ContentType;
            response.Content.Headers.ContentLength = to - from + 1;
        }

        return response;
    }
}
