using System.ComponentModel.DataAnnotations;
using Layers.Api.OpenApi;
using Layers.ApiKeys;
using Layers.Common;

namespace Layers.Api.Admin;

/// <summary>A new organization.</summary>
/// <param name="Name">The organization's name, at most 200 characters. Required.</param>
[RequestExample("""{"name": "Partner Inc."}""")]
public sealed record CreateOrganizationRequest([property: Required, StringLength(200, MinimumLength = 1)] string? Name);

/// <summary>A new API key.</summary>
/// <param name="Name">A name for people, e.g. which system uses the key; at most 200 characters. Required.</param>
/// <param name="Scopes">
/// What the key may do: any of `social:read`, `social:write`, `leased:write`, `projects:read`, `projects:write`,
/// `content:read`, `content:write`, `publish:read`, `publish:write`, `webhooks:write`, or `*` (everything). Default
/// `["*"]`.
/// </param>
/// <param name="AllowedReturnDomains">
/// Hosts (optionally with a port) that OAuth `returnUrl`s of this key may point at; matched exactly and
/// case-insensitively, no subdomains or wildcards.
/// </param>
/// <param name="RateLimitTier">
/// Requests per minute per key: `standard` (120 reads, 60 writes), `pilot` (1,200 / 600) or `partner` (6,000 / 3,000).
/// Default `standard`.
/// </param>
[RequestExample("""{"name": "production backend", "scopes": ["*"], "allowedReturnDomains": ["app.partner.example"], "rateLimitTier": "partner"}""")]
public sealed record CreateApiKeyRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string? Name,
    [property: OneOf(typeof(Scopes), nameof(Scopes.Known)), MinLength(1)] List<string?>? Scopes,
    [property: MaxLength(50)] List<string?>? AllowedReturnDomains,
    [property: OneOf(typeof(RateLimitTier))] string? RateLimitTier);

/// <summary>A key's new return-URL allowlist.</summary>
/// <param name="AllowedReturnDomains">
/// Hosts (optionally with a port) that OAuth `returnUrl`s of this key may point at; matched exactly and
/// case-insensitively, no subdomains or wildcards. The whole list: it replaces the old one. Required.
/// </param>
[RequestExample("""{"allowedReturnDomains": ["app.partner.example", "staging.partner.example"]}""")]
public sealed record SetAllowedReturnDomainsRequest([property: Required, MaxLength(50)] List<string?>? AllowedReturnDomains);

/// <summary>Money to add to an organization's wallet.</summary>
/// <param name="AmountCents">The amount to add, in US cents; positive. Required.</param>
/// <param name="Note">A note kept with the ledger entry; optional.</param>
[RequestExample("""{"amountCents": 50000, "note": "December top-up"}""")]
public sealed record WalletCreditRequest([property: Required, Range(1, long.MaxValue)] long? AmountCents, [property: StringLength(500)] string? Note);
