namespace Layers.Api.Organizations;

public sealed record WhoAmIResponse(
    string OrganizationId, string OrganizationName, string ApiKeyId, IReadOnlyList<string> Scopes,
    string RateLimitTier, long WalletBalanceCents);
