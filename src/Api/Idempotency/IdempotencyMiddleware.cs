using System.Security.Cryptography;
using System.Text;
using Layers.Api.Auth;
using Layers.Api.Http;
using Layers.Common;
using Layers.Idempotency;
using Layers.Security;

namespace Layers.Api.Idempotency;

/// <summary>
/// Honours <c>Idempotency-Key</c> on POST, PATCH and PUT, of partners and operators alike: the first response (status
/// and body, byte for byte) is kept for 24 hours and replayed for the same key and body; another body, or a first
/// request still running, is 409. Keys are scoped to the API key (or the operator), the method and the path. An answer carrying a secret is kept encrypted
/// (<see cref="SealedIdempotency"/>).
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IGrainFactory grains, ISecretProtector protector)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 255;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var idempotencyKey = request.Headers[Header].ToString();
        var scope = context.Features.Get<Caller>()?.Key.Id
            ?? (context.Features.Get<OperatorCaller>() is not null ? OperatorCaller.IdempotencyScope : null);
        if (idempotencyKey.Length == 0 || scope is null
            || !(HttpMethods.IsPost(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsPut(request.Method))
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
            $"{scope}\n{request.Method} {request.Path}\n{idempotencyKey}")));
        var grain = grains.GetGrain<IIdempotencyGrain>(grainKey);
        var sealedAnswer = context.GetEndpoint()?.Metadata.GetMetadata<SealedIdempotency>() is not null;
        var attemptId = Guid.NewGuid();
        var begin = await grain.BeginAsync(bodyHash, attemptId);
        switch (begin.Outcome)
        {
            case IdempotencyOutcome.Replay:
                await ReplayAsync(context, sealedAnswer ? Unseal(begin.Response!, grainKey) : begin.Response!);
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
            var body = buffer.ToArray();
            await grain.CompleteAsync(attemptId, new StoredResponse(
                response.StatusCode, response.ContentType, response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                sealedAnswer ? Seal(body, grainKey) : body));
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>The answer's bytes encrypted, bound to the idempotency record they belong to.</summary>
    private byte[] Seal(byte[] body, string grainKey) =>
        Encoding.ASCII.GetBytes(protector.Protect(Convert.ToBase64String(body), grainKey));

    private StoredResponse Unseal(StoredResponse stored, string grainKey)
    {
        try
        {
            return stored with { Body = Convert.FromBase64String(protector.Unprotect(Encoding.ASCII.GetString(stored.Body), grainKey)) };
        }
        catch (CryptographicException)
        {
            // The key that sealed it is no longer configured: the answer cannot be given again.
            throw new LayersException(ErrorKind.IdempotencyConflict,
                "This Idempotency-Key was used already and its first response can no longer be read; use a new key.");
        }
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
