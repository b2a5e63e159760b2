using Microsoft.Extensions.DependencyInjection;
using System.Security.Cryptography;
using Layers.Common;

namespace Layers.ApiKeys;

/// <remarks>
/// The per-minute counters live in memory only: this activation is the single place in the cluster that counts
/// the key's requests, and a lost window after a silo failure errs on the side of the partner.
/// </remarks>
internal sealed class ApiKeyGrain(
    [PersistentState("apikey", StorageNames.Layers)] IPersistentState<ApiKeyState> state,
    [FromKeyedServices(LayersTime.Key)] TimeProvider time) : Grain, IApiKeyGrain
{
    private long _windowMinute = -1;
    private int _reads;
    private int _writes;

    private ApiKeyState S => state.State;

    public async Task<ApiKeyInfo> CreateAsync(ApiKeyDraft draft)
    {
        if (state.RecordExists)
        {
            throw LayersException.Conflict("The API key id is taken.");
        }

        S.OrganizationId = draft.OrganizationId;
        S.Name = draft.Name;
        S.TokenKeyId = draft.TokenKeyId;
        S.SecretHash = draft.SecretHash;
        S.Scopes = [.. draft.Scopes];
        S.AllowedReturnDomains = [.. draft.AllowedReturnDomains];
        S.RateLimitTier = draft.RateLimitTier;
        S.CreatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        return Info();
    }

    public Task<ApiKeyInfo?> GetAsync() => Task.FromResult(state.RecordExists ? Info() : null);

    public Task<AuthorizationResult> AuthorizeAsync(byte[] secretHash, RequestClass requestClass)
    {
        if (!state.RecordExists || S.Revoked || !CryptographicOperations.FixedTimeEquals(secretHash, S.SecretHash))
        {
            return Task.FromResult(new AuthorizationResult(null, null));
        }

        return Task.FromResult(new AuthorizationResult(Info(), Count(requestClass)));
    }

    public async Task<ApiKeyInfo> SetAllowedReturnDomainsAsync(IReadOnlyList<string> allowedReturnDomains)
    {
        EnsureActive();
        S.AllowedReturnDomains = [.. allowedReturnDomains];
        await state.WriteStateAsync();
        return Info();
    }

    public async Task RevokeAsync()
    {
        EnsureActive();
        S.Revoked = true;
        S.RevokedAt = time.GetUtcNow();
        await state.WriteStateAsync();
    }

    private RateLimitDecision Count(RequestClass requestClass)
    {
        var now = time.GetUtcNow();
        var minute = now.ToUnixTimeSeconds() / 60;
        if (minute != _windowMinute)
        {
            _windowMinute = minute;
            _reads = 0;
            _writes = 0;
        }

        var (readBudget, writeBudget) = RateLimitTier.Budget(S.RateLimitTier);
        var limit = requestClass == RequestClass.Read ? readBudget : writeBudget;
        ref var used = ref requestClass == RequestClass.Read ? ref _reads : ref _writes;
        var resetAt = DateTimeOffset.FromUnixTimeSeconds((minute + 1) * 60);
        if (used >= limit)
        {
            return new RateLimitDecision(false, limit, 0, resetAt);
        }

        used++;
        return new RateLimitDecision(true, limit, limit - used, resetAt);
    }

    private void EnsureActive()
    {
        if (!state.RecordExists || S.Revoked)
        {
            throw LayersException.NotFound("API key");
        }
    }

    private ApiKeyInfo Info() =>
        new(this.GetPrimaryKeyString(), S.OrganizationId!, S.Name, S.Scopes, S.AllowedReturnDomains, S.RateLimitTier, S.Revoked, S.CreatedAt);
}
