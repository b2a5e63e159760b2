using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Layers.Common;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Layers.Api.Http;

/// <summary>
/// Gives the envelope and a request id to the few answers Kestrel writes itself, before any middleware runs: a
/// request line it cannot parse (<c>%00</c> in the path) → 400, a request line over its limit → 414, headers over
/// their limit → 431. Kestrel writes such an answer as one block of headers with <c>Content-Length: 0</c> and
/// <c>Connection: close</c>, which no answer of the service ever is; that block is rewritten as it is written, in
/// the connection's own output buffer. Every other byte passes through untouched.
/// </summary>
public static class ServerErrorEnvelope
{
    public static ListenOptions UseErrorEnvelope(this ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        listen.Use(next => context =>
        {
            context.Transport = new Transport(context.Transport);
            return next(context);
        });
        return listen;
    }

    private static readonly byte[] StatusLine = "HTTP/1.1 4"u8.ToArray();
    private static readonly byte[] EmptyBody = "\r\nContent-Length: 0\r\n"u8.ToArray();
    private static readonly byte[] Close = "\r\nConnection: close\r\n"u8.ToArray();
    private static readonly byte[] End = "\r\n\r\n"u8.ToArray();

    /// <summary>The rewritten answer, or null when <paramref name="written"/> is not one of Kestrel's own errors.</summary>
    internal static byte[]? Rewrite(ReadOnlySpan<byte> written, Func<string> newRequestId)
    {
        if (written.Length < 16 || !written.StartsWith(StatusLine) || !written.EndsWith(End)
            || written.IndexOf(EmptyBody) < 0 || written.IndexOf(Close) < 0)
        {
            return null;
        }

        var status = (written[9] - '0') * 100 + (written[10] - '0') * 10 + (written[11] - '0');
        var message = status switch
        {
            StatusCodes.Status414UriTooLong => "The URL is too long.",
            StatusCodes.Status431RequestHeaderFieldsTooLarge => "The request headers are too large.",
            _ => "The request is malformed.",
        };
        var requestId = newRequestId();
        var body = JsonSerializer.SerializeToUtf8Bytes(new ApiError(new ApiErrorBody("VALIDATION", message, requestId, null)), WireJson.Options);
        var headers = Encoding.ASCII.GetString(written).Replace("\r\nContent-Length: 0\r\n",
            $"\r\nContent-Length: {body.Length}\r\nContent-Type: application/json; charset=utf-8\r\n{RequestIdMiddleware.Header}: {requestId}\r\n",
            StringComparison.Ordinal);
        return [.. Encoding.ASCII.GetBytes(headers), .. body];
    }

    private sealed class Transport(IDuplexPipe inner) : IDuplexPipe
    {
        public PipeReader Input => inner.Input;

        public PipeWriter Output { get; } = new Writer(inner.Output);
    }

    /// <summary>Hands out the connection's own buffer; looks at each block as it is committed.</summary>
    private sealed class Writer(PipeWriter inner) : PipeWriter
    {
        private Memory<byte> _handedOut;

        public override Memory<byte> GetMemory(int sizeHint = 0) => _handedOut = inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => (_handedOut = inner.GetMemory(sizeHint)).Span;

        public override void Advance(int bytes)
        {
            var rewritten = bytes <= _handedOut.Length && _handedOut.Span.StartsWith(StatusLine)
                ? Rewrite(_handedOut.Span[..bytes], () => Ids.New(Ids.Request, TimeProvider.System))
                : null;
            _handedOut = default;
            if (rewritten is null)
            {
                inner.Advance(bytes);
                return;
            }

            // Nothing was committed yet: the same buffer position takes the rewritten block instead.
            var memory = inner.GetMemory(rewritten.Length);
            rewritten.CopyTo(memory);
            inner.Advance(rewritten.Length);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;
    }
}
