using Layers.ApiKeys;

namespace Layers.Api.Admin;

public sealed record OrganizationResponse(string Id, string Name, DateTimeOffset CreatedAt);

/// <summary>A new API key; <see cref="Key"/> is shown this once and never again.</summary>
public sealed record CreatedApiKeyResponse(
    string Id, string OrganizationId, string Name, string Key, IReadOnlyList<string> Scopes,
    IReadOnlyList<string> AllowedReturnDomains, string RateLimitTier, DateTimeOffset CreatedAt);

public sealed record ApiKeyResponse(
    string Id, string OrganizationId, string Name, IReadOnlyList<string> Scopes,
    IReadOnlyList<string> AllowedReturnDomains, string RateLimitTier, bool Revoked, DateTimeOffset CreatedAt)
{
    public static ApiKeyResponse From(ApiKeyInfo key) =>
        new(key.Id, key.OrganizationId, key.Name, key.Scopes, key.AllowedReturnDomains, key.RateLimitTier, key.Revoked, key.CreatedAt);
}
