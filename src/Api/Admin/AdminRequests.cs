namespace Layers.Api.Admin;

public sealed record CreateOrganizationRequest(string? Name);

public sealed record CreateApiKeyRequest(string? Name, List<string?>? Scopes, List<string?>? AllowedReturnDomains, string? RateLimitTier);

public sealed record SetAllowedReturnDomainsRequest(List<string?>? AllowedReturnDomains);

public sealed record WalletCreditRequest(long? AmountCents, string? Note);
