using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Layers.Api.Http;
using Layers.ApiKeys;
using Layers.Common;
using Microsoft.Extensions.Options;

namespace Layers.Api.Auth;

/// <summary>
/// Authenticates partner keys and the operator token, counts the request against the key's rate limit (shared by
/// the whole cluster through the key's grain), and checks the endpoint's scope.
/// </summary>
public sealed class AccessMiddleware(RequestDelegate next, ApiKeyResolver resolver, GrainReferences grains, IOptions<LayersOptions> options, [FromKeyedServices(LayersTime.Key)] TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var requirement = context.GetEndpoint()?.Metadata.GetMetadata<AccessRequirement>();
        if (requirement is null)
        {
            await next(context);
            return;
        }

        if (requirement.Kind == AccessKind.Operator)
        {
            if (!IsOperator(context.Request))
            {
                throw new LayersException(ErrorKind.Unauthenticated, "A valid operator token is required.");
            }

            context.Features.Set(OperatorCaller.Instance);
            await next(context);
            return;
        }

        var key = await AuthenticateAsync(context);
        switch (requirement.Kind)
        {
            case AccessKind.Scope when !Scopes.Grants(key.Scopes, requirement.Scope!):
                throw LayersException.WithDetails(ErrorKind.ForbiddenScope, $"This API key lacks the scope {requirement.Scope}.", new { requiredScope = requirement.Scope });
            case AccessKind.AnyReadScope when !Scopes.GrantsAnyRead(key.Scopes):
                throw LayersException.WithDetails(ErrorKind.ForbiddenScope, "This API key has no read scope.", new { requiredScope = "*:read" });
        }

        context.Features.Set(new Caller(key));
        await next(context);
    }

    private async Task<ApiKeyInfo> AuthenticateAsync(HttpContext context)
    {
        var request = context.Request;
        var token = request.Headers["X-Api-Key"].ToString();
        if (token.Length == 0)
        {
            token = BearerToken(request) ?? "";
        }

        if (!ApiKeyToken.TryParse(token, out var keyId, out var secret)
            || await resolver.ResolveAsync(keyId) is not { } apiKeyId)
        {
            throw Unauthenticated();
        }

        var requestClass = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? RequestClass.Read : RequestClass.Write;
        var result = await grains.Get<IApiKeyGrain>(apiKeyId).AuthorizeAsync(resolver.HashSecret(secret), requestClass);
        if (result.Key is null || result.RateLimit is null)
        {
            throw Unauthenticated();
        }

        var limit = result.RateLimit;
        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = limit.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = limit.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = limit.ResetAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        if (!limit.Allowed)
        {
            var wait = Math.Max(1, (int)Math.Ceiling((limit.ResetAt - time.GetUtcNow()).TotalSeconds));
            headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            ApiMetrics.RateLimitRejected(requestClass, result.Key.RateLimitTier);
            throw LayersException.WithDetails(ErrorKind.RateLimited, "Too many requests for this API key; retry after the reset.", new { retryAfterSeconds = wait });
        }

        return result.Key;
    }

    private bool IsOperator(HttpRequest request)
    {
        var expected = options.Value.AdminToken;
        var presented = BearerToken(request);
        return !string.IsNullOrEmpty(expected) && presented is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    private static LayersException Unauthenticated() =>
        new(ErrorKind.Unauthenticated, "A valid API key is required (Authorization: Bearer <key> or X-Api-Key).");
}
