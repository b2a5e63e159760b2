using System.Security.Cryptography;
using System.Text;
using Layers.Api.Auth;
using Layers.Api.Http;
using Layers.Common;
using Layers.Idempotency;

namespace Layers.Api.Idempotency;

/// <summary>
/// Honours <c>Idempotency-Key</c> on POST and PATCH: the first response (status and body, byte for byte) is kept
/// for 24 hours and replayed for the same key and body; another body, or a first request still running, is 409.
/// Keys are scoped to the API key, the method and the path.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IGrainFactory grains)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 255;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var idempotencyKey = request.Headers[Header].ToString();
        var caller = context.Features.Get<Caller>();
        if (idempotencyKey.Length == 0 || caller is null
            || !(HttpMethods.IsPost(request.Method) || HttpMethods.IsPatch(request.Method))
            || context.GetEndpoint()?.Metadata.GetMetadata<NoIdempotency>() is not null)
        {
            await next(context);
            return;
        }

        if (idempotencyKey.Length > MaxKeyLength)
        {
            throw LayersException.Validation(Header, $"At most {MaxKeyLength} characters.");
        }

        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: BodySizeLimitMiddleware.MaxBodyBytes);
        var bodyHash = await SHA256.HashDataAsync(request.Body, context.RequestAborted);
        request.Body.Position = 0;

        var grainKey = "idem_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{caller.Key.Id}\n{request.Method} {request.Path}\n{idempotencyKey}")));
        var grain = grains.GetGrain<IIdempotencyGrain>(grainKey);
        var attemptId = Guid.NewGuid();
        var begin = await grain.BeginAsync(bodyHash, attemptId);
        switch (begin.Outcome)
        {
            case IdempotencyOutcome.Replay:
                await ReplayAsync(context, begin.Response!);
                return;
            case IdempotencyOutcome.Conflict:
                throw new LayersException(ErrorKind.IdempotencyConflict,
                    "This Idempotency-Key was used with a different body, or its first request is still running.");
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = original;
            await grain.AbandonAsync(attemptId);
            throw;
        }

        context.Response.Body = original;
        var response = context.Response;
        if (response.StatusCode is >= 500 or StatusCodes.Status429TooManyRequests)
        {
            await grain.AbandonAsync(attemptId);
        }
        else
        {
            await grain.CompleteAsync(attemptId, new StoredResponse(
                response.StatusCode, response.ContentType, response.Headers.Location.ToString() is { Length: > 0 } location ? location : null, buffer.ToArray()));
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        var response = context.Response;
        response.StatusCode = stored.StatusCode;
        if (stored.ContentType is not null)
        {
            response.ContentType = stored.ContentType;
        }

        if (stored.Location is not null)
        {
            response.Headers.Location = stored.Location;
        }

        response.Headers["Idempotent-Replayed"] = "true";
        await response.Body.WriteAsync(stored.Body, context.RequestAborted);
    }
}
