using System.Net;
using System.Net.Http.Headers;
using Layers.Webhooks;
using Microsoft.Extensions.Options;

namespace Layers.Media;

/// <summary>
/// Fetches partners' media over HTTP for the checks, the proxy and uploads: only from hosts the address guard allows
/// (the webhooks' guard: each connection goes to the address that was checked), with a timeout on the headers, at most
/// five redirects, and, while a platform runs in sandbox mode, sandbox media served from memory.
/// </summary>
public sealed class MediaFetcher
{
    public const string HttpClientName = "layers-media";

    private readonly IHttpClientFactory _clients;
    private readonly MediaOptions _options;
    private readonly string _clientName;

    public MediaFetcher(IHttpClientFactory clients, IOptions<MediaOptions> options)
        : this(clients, options.Value, HttpClientName)
    {
    }

    /// <summary>A fetcher on another named client (the sandboxes fetch as the platforms would, without the service's guard).</summary>
    public MediaFetcher(IHttpClientFactory clients, MediaOptions options, string clientName)
    {
        _clients = clients;
        _options = options;
        _clientName = clientName;
    }

    public MediaOptions Options => _options;

    /// <summary>The primary handler of the media client: guarded connections, no proxy, no cookies.</summary>
    public static SocketsHttpHandler CreateHandler(MediaOptions options) => new()
    {
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 5,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = new WebhookAddressPolicy(Microsoft.Extensions.Options.Options.Create(
            new WebhookOptions { AllowPrivateNetworks = options.AllowPrivateNetworks })).ConnectAsync,
    };

    /// <summary>
    /// Sends a GET (or HEAD) and returns once the headers are in, the body still unread; throws
    /// <see cref="MediaUnreachableException"/> when the host cannot be reached or answers no file.
    /// </summary>
    public async Task<HttpResponseMessage> OpenAsync(Uri url, RangeHeaderValue? range, CancellationToken cancellationToken, bool headOnly = false)
    {
        using var request = new HttpRequestMessage(headOnly ? HttpMethod.Head : HttpMethod.Get, url);
        request.Headers.Range = range;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ReadTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _clients.CreateClient(_clientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MediaUnreachableException($"{url.Host} did not answer within {_options.ReadTimeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException e)
        {
            throw new MediaUnreachableException(e.InnerException is WebhookAddressRefusedException refused
                ? $"The media host is not on the public internet: {refused.Message}"
                : $"{url.Host} could not be reached: {e.Message}");
        }

        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.PartialContent)
        {
            return response;
        }

        var status = (int)response.StatusCode;
        response.Dispose();
        throw new MediaUnreachableException($"{url.Host} answered HTTP {status} for the file.");
    }

    /// <summary>The whole length of the file a 200 or 206 answer carries; null when the host does not say.</summary>
    public static long? TotalLength(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.PartialContent
            ? response.Content.Headers.ContentRange?.Length
            : response.Content.Headers.ContentLength;

    /// <summary>Bytes <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="count"/> − 1 (fewer at the end of the file).</summary>
    public async Task<byte[]> ReadRangeAsync(Uri url, long offset, int count, CancellationToken cancellationToken)
    {
        using var response = await OpenAsync(url, new RangeHeaderValue(offset, offset + count - 1), cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK && offset > 0)
        {
            // A host that ignores ranges sends the whole file: skip to the offset.
            await SkipAsync(body, offset, cancellationToken);
        }

        return await ReadUpToAsync(body, count, cancellationToken);
    }

    /// <summary>Up to <paramref name="count"/> bytes from the stream's start (fewer when it ends first).</summary>
    public static async Task<byte[]> ReadUpToAsync(Stream body, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled == count ? buffer : buffer[..filled];
    }

    private static async Task SkipAsync(Stream body, long count, CancellationToken cancellationToken)
    {
        var scratch = new byte[81920];
        while (count > 0)
        {
            var read = await body.ReadAsync(scratch.AsMemory(0, (int)Math.Min(scratch.Length, count)), cancellationToken);
            if (read == 0)
            {
                return;
            }

            count -= read;
        }
    }
}
