using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Layers.Webhooks;

/// <summary>
/// Sends webhook POSTs through the <c>layers-webhooks</c> client: 10 seconds for the whole exchange, no redirects
/// followed, and at most <see cref="MaxResponseBytes"/> of a response read. Nothing about a request is logged: URLs
/// may carry the partner's own credentials.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients)
{
    public const string HttpClientName = "layers-webhooks";
    public const int MaxResponseBytes = 4096;
    public const int MaxStoredResponseChars = 512;
    public const string UserAgent = "Layers-Webhooks/1.0";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<WebhookSendResult> SendAsync(WebhookOutgoing outgoing, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, outgoing.Url)
        {
            Content = new ByteArrayContent(outgoing.Body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        request.Headers.Add("X-Layers-Event-Id", outgoing.EventId);
        request.Headers.Add("X-Layers-Event-Type", outgoing.EventType);
        request.Headers.Add("X-Layers-Delivery-Id", outgoing.DeliveryId);
        request.Headers.TryAddWithoutValidation("X-Layers-Signature", outgoing.Signature);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await clients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            var delivered = status is >= 200 and <= 299;
            string? body = null;
            try
            {
                body = await ReadCappedAsync(response.Content, timeout.Token);
            }
            catch (Exception e) when (delivered && e is HttpRequestException or IOException or OperationCanceledException)
            {
                // The status decides; a receiver that stops mid-body after a 2xx still took the event.
            }

            return new WebhookSendResult(delivered, status, delivered ? null : WebhookErrorCodes.UnexpectedStatus, body, Elapsed(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookSendResult(false, null, WebhookErrorCodes.Timeout, null, Elapsed(started));
        }
        catch (HttpRequestException e)
        {
            var error = IsRefusal(e) ? WebhookErrorCodes.AddressRefused : WebhookErrorCodes.ConnectionFailed;
            return new WebhookSendResult(false, null, error, null, Elapsed(started));
        }
    }

    private static async Task<string?> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxResponseBytes];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        if (read == 0)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return text.Length > MaxStoredResponseChars ? text[..MaxStoredResponseChars] : text;
    }

    private static bool IsRefusal(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is WebhookAddressRefusedException)
            {
                return true;
            }
        }

        return false;
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
