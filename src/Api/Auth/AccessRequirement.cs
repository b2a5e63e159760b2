namespace Layers.Api.Auth;

/// <summary>Endpoint metadata: who may call it.</summary>
public sealed record AccessRequirement(AccessKind Kind, string? Scope = null);

public enum AccessKind
{
    /// <summary>Any valid partner key, whatever its scopes.</summary>
    AnyKey,

    /// <summary>A partner key holding the named scope (or <c>*</c>).</summary>
    Scope,

    /// <summary>A partner key holding any read scope.</summary>
    AnyReadScope,

    /// <summary>The operator token from configuration; partner keys never.</summary>
    Operator,
}
