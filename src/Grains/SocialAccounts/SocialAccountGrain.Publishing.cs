using Layers.Common;
using Layers.Publishing;

namespace Layers.SocialAccounts;

/// <summary>The account's side of publishing: its queue of posts, the hand-off check, and revoke's cancellations.</summary>
internal sealed partial class SocialAccountGrain
{
    private const int CancellationBatch = 256;

    public async Task TrackQueuedPostAsync(string scheduledPostId)
    {
        EnsureExists();
        if (S.Status == SocialAccountStatus.Disconnected)
        {
            throw LayersException.Conflict("The social account is disconnected.");
        }

        if (S.QueuedPostIds.Add(scheduledPostId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task UntrackQueuedPostAsync(string scheduledPostId)
    {
        if (state.RecordExists && S.QueuedPostIds.Remove(scheduledPostId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task<PublishCredentials> BeginPublishAsync(string scheduledPostId)
    {
        EnsureExists();
        if (S.QueuedPostIds.Remove(scheduledPostId))
        {
            await state.WriteStateAsync();
        }

        return Credentials();
    }

    public Task<PublishCredentials> GetCredentialsAsync()
    {
        EnsureExists();
        return Task.FromResult(Credentials());
    }

    public async Task RecordPublishOutcomeAsync(string? errorCode)
    {
        EnsureExists();
        S.LastPublishAt = time.GetUtcNow();
        S.LastPublishError = errorCode;
        await state.WriteStateAsync();
    }

    public async Task MarkReauthRequiredAsync(string reason)
    {
        EnsureExists();
        if (S.Status == SocialAccountStatus.Connected)
        {
            await RequireReauthAsync(reason);
        }
    }

    /// <summary>
    /// Cancels the posts a revocation took off the queue. The posts answer even while they wait on this account, so
    /// the calls cannot deadlock; the list is cleared only once every post has answered.
    /// </summary>
    private async Task CancelPendingPostsAsync()
    {
        foreach (var batch in S.PendingCancellations.Chunk(CancellationBatch))
        {
            await Task.WhenAll(batch.Select(id => GrainFactory.GetGrain<IScheduledPostGrain>(id).CancelForRevokeAsync()));
        }

        S.PendingCancellations.Clear();
        await state.WriteStateAsync();
    }

    private PublishCredentials Credentials() => new(
        S.Status, S.Status == SocialAccountStatus.Disconnected ? null : S.Tokens?.AccessTokenCiphertext, S.PlatformUserId, S.Handle);

    private void EnsureExists()
    {
        if (!state.RecordExists)
        {
            throw LayersException.NotFound("social account");
        }
    }
}
