using Layers.Api.Http;
using Layers.ApiKeys;

namespace Layers.Api.Auth;

/// <summary>
/// Finds the API key behind a token's key id (the mapping never changes, so found entries are cached) and hashes
/// presented secrets. The key's grain still decides every request (revocation takes effect at once); what is kept
/// here only spares repeating work whose answer cannot change.
/// </summary>
public sealed class ApiKeyResolver(IGrainFactory grains)
{
    private readonly BoundedCache<string, string> _known = new(StringComparer.Ordinal);
    private readonly BoundedCache<string, byte[]> _hashes = new(StringComparer.Ordinal);

    /// <summary>SHA-256 of a presented secret, computed once per secret seen by this process.</summary>
    public byte[] HashSecret(string secret) => _hashes.GetOrAdd(secret, ApiKeyToken.HashSecret);

    public async ValueTask<string?> ResolveAsync(string keyId)
    {
        if (_known.TryGet(keyId, out var apiKeyId))
        {
            return apiKeyId;
        }

        apiKeyId = await grains.GetGrain<IApiKeyIndexGrain>(ApiKeyToken.IndexKey(keyId)).ResolveAsync();
        if (apiKeyId is not null)
        {
            _known.Add(keyId, apiKeyId);
        }

        return apiKeyId;
    }
}
