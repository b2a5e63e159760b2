using Microsoft.Extensions.DependencyInjection;
using System.Security.Cryptography;
using Layers.Common;

namespace Layers.Idempotency;

internal sealed class IdempotencyGrain(
    [PersistentState("idempotency", StorageNames.Layers)] IPersistentState<IdempotencyState> state,
    [FromKeyedServices(LayersTime.Key)] TimeProvider time) : Grain, IIdempotencyGrain
{
    /// <summary>How long a stored response is replayed.</summary>
    internal static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>
    /// How long an unfinished first attempt blocks others. Past it the attempt is taken to have died with its
    /// process, and the key can be used again.
    /// </summary>
    internal static readonly TimeSpan InFlightLease = TimeSpan.FromMinutes(2);

    private IdempotencyState S => state.State;

    public async Task<IdempotencyBegin> BeginAsync(byte[] bodyHash, Guid attemptId)
    {
        var now = time.GetUtcNow();
        if (state.RecordExists && !IsStale(now))
        {
            if (!CryptographicOperations.FixedTimeEquals(S.BodyHash, bodyHash))
            {
                return new IdempotencyBegin(IdempotencyOutcome.Conflict, null);
            }

            return S.Response is { } response
                ? new IdempotencyBegin(IdempotencyOutcome.Replay, response)
                : new IdempotencyBegin(IdempotencyOutcome.Conflict, null);
        }

        state.State = new IdempotencyState { BodyHash = bodyHash, AttemptId = attemptId, StartedAt = now };
        await state.WriteStateAsync();
        return new IdempotencyBegin(IdempotencyOutcome.Proceed, null);
    }

    public async Task CompleteAsync(Guid attemptId, StoredResponse response)
    {
        if (!state.RecordExists || S.AttemptId != attemptId || S.Response is not null)
        {
            return;
        }

        S.Response = response;
        S.CompletedAt = time.GetUtcNow();
        await state.WriteStateAsync();
    }

    public async Task AbandonAsync(Guid attemptId)
    {
        if (state.RecordExists && S.AttemptId == attemptId && S.Response is null)
        {
            await state.ClearStateAsync();
        }
    }

    private bool IsStale(DateTimeOffset now) => S.Response is null
        ? now - S.StartedAt > InFlightLease
        : now - S.CompletedAt > Retention;
}
