using System.Collections.Concurrent;
using Layers.ApiKeys;

namespace Layers.Api.Auth;

/// <summary>Finds the API key behind a token's key id. The mapping never changes, so found entries are cached.</summary>
public sealed class ApiKeyResolver(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);

    public async ValueTask<string?> ResolveAsync(string keyId)
    {
        if (_known.TryGetValue(keyId, out var apiKeyId))
        {
            return apiKeyId;
        }

        apiKeyId = await grains.GetGrain<IApiKeyIndexGrain>(ApiKeyToken.IndexKey(keyId)).ResolveAsync();
        if (apiKeyId is not null && _known.Count < 100_000)
        {
            _known[keyId] = apiKeyId;
        }

        return apiKeyId;
    }
}
