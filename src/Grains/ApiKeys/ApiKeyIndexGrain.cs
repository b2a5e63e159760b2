using Layers.Common;

namespace Layers.ApiKeys;

internal sealed class ApiKeyIndexGrain(
    [PersistentState("apikeyindex", StorageNames.Layers)] IPersistentState<ApiKeyIndexState> state) : Grain, IApiKeyIndexGrain
{
    public async Task<bool> ClaimAsync(string apiKeyId)
    {
        if (state.State.ApiKeyId is { } existing)
        {
            return existing == apiKeyId;
        }

        state.State.ApiKeyId = apiKeyId;
        await state.WriteStateAsync();
        return true;
    }

    public Task<string?> ResolveAsync() => Task.FromResult(state.State.ApiKeyId);
}
