namespace Layers.Api.Admin;

/// <summary>A new organization.</summary>
/// <param name="Name">The organization's name, at most 200 characters. Required.</param>
public sealed record CreateOrganizationRequest(string? Name);

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
public sealed record CreateApiKeyRequest(string? Name, List<string?>? Scopes, List<string?>? AllowedReturnDomains, string? RateLimitTier);

/// <summary>A key's new return-URL allowlist.</summary>
/// <param name="AllowedReturnDomains">
/// Hosts (optionally with a port) that OAuth `returnUrl`s of this key may point at; matched exactly and
/// case-insensitively, no subdomains or wildcards. The whole list: it replaces the old one. Required.
/// </param>
public sealed record SetAllowedReturnDomainsRequest(List<string?>? AllowedReturnDomains);

/// <summary>Money to add to an organization's wallet.</summary>
/// <param name="AmountCents">The amount to add, in US cents; positive. Required.</param>
/// <param name="Note">A note kept with the ledger entry; optional.</param>
public sealed record WalletCreditRequest(long? AmountCents, string? Note);
