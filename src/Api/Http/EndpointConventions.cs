using Layers.Api.Auth;

namespace Layers.Api.Http;

/// <summary>Access rules and their documented error responses, declared once per route group or endpoint.</summary>
public static class EndpointConventions
{
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRequirement(AccessKind.Scope, scope)).ProducesErrors(401, 403, 429);

    public static TBuilder RequireAnyKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRequirement(AccessKind.AnyKey)).ProducesErrors(401, 429);

    public static TBuilder RequireAnyReadScope<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRequirement(AccessKind.AnyReadScope)).ProducesErrors(401, 403, 429);

    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRequirement(AccessKind.Operator)).ProducesErrors(401);

    /// <summary>Documents error responses in the envelope for the given statuses.</summary>
    public static TBuilder ProducesErrors<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statusCodes)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ApiError), ["application/json"]));
        }

        return builder;
    }

    /// <summary>Marks a write whose every call must run afresh (e.g. one that mints an OAuth state).</summary>
    public static TBuilder WithoutIdempotency<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(NoIdempotency.Instance);

    /// <summary>
    /// Marks a write whose answer carries a secret (a webhook signing secret): the answer kept for an
    /// <c>Idempotency-Key</c> replay is stored encrypted, like every other secret at rest.
    /// </summary>
    public static TBuilder WithSealedIdempotency<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(SealedIdempotency.Instance);
}

public sealed class NoIdempotency
{
    public static readonly NoIdempotency Instance = new();
}

public sealed class SealedIdempotency
{
    public static readonly SealedIdempotency Instance = new();
}
