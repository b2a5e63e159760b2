using Layers.ApiKeys;
using Layers.Common;

namespace Layers.Api.Organizations;

/// <summary>The calling key and its organization.</summary>
/// <param name="OrganizationId">The organization's id (`org_…`).</param>
/// <param name="OrganizationName">The organization's name.</param>
/// <param name="ApiKeyId">The calling key's id (`key_…`).</param>
/// <param name="Scopes">
/// What the key may do: any of `social:read`, `social:write`, `leased:write`, `projects:read`, `projects:write`,
/// `content:read`, `content:write`, `publish:read`, `publish:write`, `webhooks:write`, or `*` (everything).
/// </param>
/// <param name="RateLimitTier">
/// Requests per minute per key: `standard` (120 reads, 60 writes), `pilot` (1,200 / 600) or `partner` (6,000 / 3,000).
/// </param>
/// <param name="WalletBalanceCents">The organization's wallet balance in US cents.</param>
public sealed record WhoAmIResponse(
    string OrganizationId, string OrganizationName, string ApiKeyId, [property: OneOf(typeof(Scopes), nameof(Scopes.Known))] IReadOnlyList<string> Scopes,
    [property: OneOf(typeof(RateLimitTier))] string RateLimitTier, long WalletBalanceCents);
