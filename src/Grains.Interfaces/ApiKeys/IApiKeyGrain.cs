namespace Layers.ApiKeys;

/// <summary>
/// An API key (<c>key_…</c>): its organization, hashed secret, scopes, return-URL allowlist, tier, and the
/// per-minute request counters that make its rate limit hold across the whole cluster.
/// </summary>
[Alias("Layers.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<ApiKeyInfo> CreateAsync(ApiKeyDraft draft);

    /// <summary>The key, or null when it does not exist.</summary>
    [Alias("Get")]
    Task<ApiKeyInfo?> GetAsync();

    /// <summary>Checks the secret's hash and counts the request against the key's budget for its class.</summary>
    [Alias("Authorize")]
    Task<AuthorizationResult> AuthorizeAsync(byte[] secretHash, RequestClass requestClass);

    [Alias("SetAllowedReturnDomains")]
    Task<ApiKeyInfo> SetAllowedReturnDomainsAsync(IReadOnlyList<string> allowedReturnDomains);

    /// <summary>Revokes the key for good. Fails with NotFound when it does not exist or is already revoked.</summary>
    [Alias("Revoke")]
    Task RevokeAsync();
}
