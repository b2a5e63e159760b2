using System.Collections.Concurrent;
using Layers.ApiKeys;

namespace Layers.Api.Auth;

/// <summary>
/// Finds the API key behind a token's key id (the mapping never changes, so found entries are cached) and hashes
/// presented secrets. The key's grain still decides every request (revocation takes effect at once); what is kept
/// here only spares repeating work whose answer cannot change.
/// </summary>
public sealed class ApiKeyResolver(IGrainFactory grains)
{
    private const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _hashes = new(StringComparer.Ordinal);

    /// <summary>SHA-256 of a presented secret, computed once per secret seen by this process.</summary>
    public byte[] HashSecret(string secret)
    {
        if (_hashes.TryGetValue(secret, out var hash))
        {
            return hash;
        }

        if (_hashes.Count >= Capacity)
        {
            _hashes.Clear();
        }

        hash = ApiKeyToken.HashSecret(secret);
        _hashes[secret] = hash;
        return hash;
    }

    public async ValueTask<string?> ResolveAsync(string keyId)
    {
        if (_known.TryGetValue(keyId, out var apiKeyId))
        {
            return apiKeyId;
        }

        apiKeyId = await grains.GetGrain<IApiKeyIndexGrain>(ApiKeyToken.IndexKey(keyId)).ResolveAsync();
        if (apiKeyId is not null && _known.Count < Capacity)
        {
            _known[keyId] = apiKeyId;
        }

        return apiKeyId;
    }
}
