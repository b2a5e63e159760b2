namespace Layers.ApiKeys;

/// <summary>A new key: the public key id embedded in the token and the SHA-256 of its secret, never the secret.</summary>
[GenerateSerializer, Immutable]
public sealed record ApiKeyDraft(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] string Name,
    [property: Id(2)] string TokenKeyId,
    [property: Id(3)] byte[] SecretHash,
    [property: Id(4)] IReadOnlyList<string> Scopes,
    [property: Id(5)] IReadOnlyList<string> AllowedReturnDomains,
    [property: Id(6)] string RateLimitTier);
