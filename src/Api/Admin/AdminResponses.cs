using Layers.ApiKeys;
using Layers.Common;

namespace Layers.Api.Admin;

/// <summary>An organization: a partner company, owner of keys, projects and a wallet.</summary>
/// <param name="Id">The organization's id (`org_…`).</param>
/// <param name="Name">The organization's name.</param>
/// <param name="CreatedAt">When the organization was created (ISO-8601, UTC).</param>
public sealed record OrganizationResponse(string Id, string Name, DateTimeOffset CreatedAt);

/// <summary>A new API key, with the key itself: shown in this answer only.</summary>
/// <remarks>A new API key; <see cref="Key"/> is shown this once and never again.</remarks>
/// <param name="Id">The key's id (`key_…`).</param>
/// <param name="OrganizationId">The organization's id (`org_…`).</param>
/// <param name="Name">The key's name.</param>
/// <param name="Key">
/// The API key, `lp_live_&lt;keyId&gt;_&lt;secret&gt;`. Shown this once: only a hash of the secret is stored.
/// </param>
/// <param name="Scopes">
/// What the key may do: any of `social:read`, `social:write`, `leased:write`, `projects:read`, `projects:write`,
/// `content:read`, `content:write`, `publish:read`, `publish:write`, `webhooks:write`, or `*` (everything).
/// </param>
/// <param name="AllowedReturnDomains">
/// Hosts (optionally with a port) that OAuth `returnUrl`s of this key may point at; matched exactly and
/// case-insensitively, no subdomains or wildcards.
/// </param>
/// <param name="RateLimitTier">
/// Requests per minute per key: `standard` (120 reads, 60 writes), `pilot` (1,200 / 600) or `partner` (6,000 / 3,000).
/// </param>
/// <param name="CreatedAt">When the key was issued (ISO-8601, UTC).</param>
public sealed record CreatedApiKeyResponse(
    string Id, string OrganizationId, string Name, string Key, [property: OneOf(typeof(Scopes), nameof(Scopes.Known))] IReadOnlyList<string> Scopes,
    IReadOnlyList<string> AllowedReturnDomains, [property: OneOf(typeof(RateLimitTier))] string RateLimitTier, DateTimeOffset CreatedAt);

/// <summary>An API key, without the key itself.</summary>
/// <param name="Id">The key's id (`key_…`).</param>
/// <param name="OrganizationId">The organization's id (`org_…`).</param>
/// <param name="Name">The key's name.</param>
/// <param name="Scopes">
/// What the key may do: any of `social:read`, `social:write`, `leased:write`, `projects:read`, `projects:write`,
/// `content:read`, `content:write`, `publish:read`, `publish:write`, `webhooks:write`, or `*` (everything).
/// </param>
/// <param name="AllowedReturnDomains">
/// Hosts (optionally with a port) that OAuth `returnUrl`s of this key may point at; matched exactly and
/// case-insensitively, no subdomains or wildcards.
/// </param>
/// <param name="RateLimitTier">
/// Requests per minute per key: `standard` (120 reads, 60 writes), `pilot` (1,200 / 600) or `partner` (6,000 / 3,000).
/// </param>
/// <param name="Revoked">True once the key is revoked: every request with it is `401 UNAUTHENTICATED`.</param>
/// <param name="CreatedAt">When the key was issued (ISO-8601, UTC).</param>
public sealed record ApiKeyResponse(
    string Id, string OrganizationId, string Name, [property: OneOf(typeof(Scopes), nameof(Scopes.Known))] IReadOnlyList<string> Scopes,
    IReadOnlyList<string> AllowedReturnDomains, [property: OneOf(typeof(RateLimitTier))] string RateLimitTier, bool Revoked, DateTimeOffset CreatedAt)
{
    public static ApiKeyResponse From(ApiKeyInfo key) =>
        new(key.Id, key.OrganizationId, key.Name, key.Scopes, key.AllowedReturnDomains, key.RateLimitTier, key.Revoked, key.CreatedAt);
}
