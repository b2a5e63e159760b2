namespace Layers.ApiKeys;

/// <summary>
/// Maps the key id embedded in a token (<c>lp_live_&lt;keyId&gt;_…</c>, grain key <c>kid_&lt;keyId&gt;</c>) to the
/// API key's id. The mapping never changes once written.
/// </summary>
[Alias("Layers.IApiKeyIndexGrain")]
public interface IApiKeyIndexGrain : IGrainWithStringKey
{
    /// <summary>Claims the token key id for an API key; false when another key holds it already.</summary>
    [Alias("Claim")]
    Task<bool> ClaimAsync(string apiKeyId);

    [Alias("Resolve")]
    Task<string?> ResolveAsync();
}
