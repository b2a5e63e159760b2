using Layers.Common;
using Layers.Platforms;
using Layers.Publishing;
using Microsoft.Extensions.Logging;

namespace Layers.SocialAccounts;

/// <summary>The account's side of publishing: its queue of posts, the hand-off check, and revoke's cancellations.</summary>
internal sealed partial class SocialAccountGrain
{
    private const int CancellationBatch = 256;

    /// <summary>Posts told of a revocation per turn of the background drain, between which the account answers others.</summary>
    private const int DrainStep = 1024;

    private IGrainTimer? _drain;

    /// <summary>This account token's calls to its platform, under the platform's per-token limits.</summary>
    private readonly CallPacer _pacer = new();

    /// <summary>The posts queued on this account (their records are in <see cref="IAccountQueueStore"/>).</summary>
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);

    public async Task TrackQueuedPostAsync(string scheduledPostId)
    {
        EnsureExists();
        if (S.Status == SocialAccountStatus.Disconnected)
        {
            throw LayersException.Conflict("The social account is disconnected.");
        }

        if (!_queued.Contains(scheduledPostId))
        {
            await queue.AddAsync(Id, scheduledPostId, CancellationToken.None);
            _queued.Add(scheduledPostId);
        }
    }

    public async Task UntrackQueuedPostAsync(string scheduledPostId)
    {
        if (state.RecordExists)
        {
            // The record goes even when the post already left the queue kept in memory (see BeginPublishAsync).
            _queued.Remove(scheduledPostId);
            await queue.RemoveAsync(Id, scheduledPostId, CancellationToken.None);
        }
    }

    /// <summary>
    /// The post leaves the queue: a revocation from now on no longer counts it. Its stored record goes with the
    /// post's hand-off record (<see cref="IHandOffJournal"/>), in the same transaction, or by
    /// <see cref="UntrackQueuedPostAsync"/> when the post does not go after all.
    /// </summary>
    public Task<PublishCredentials> BeginPublishAsync(string scheduledPostId)
    {
        EnsureExists();
        var credentials = PacedCredentials(PlatformCalls.PublishStart);
        if (credentials.RetryAt is null)
        {
            _queued.Remove(scheduledPostId);
        }

        return Task.FromResult(credentials);
    }

    public Task<PublishCredentials> BeginCallAsync(string call)
    {
        EnsureExists();
        return Task.FromResult(PacedCredentials(call));
    }

    public Task PauseCallsAsync(string call, DateTimeOffset until)
    {
        EnsureExists();
        _pacer.Pause(call, until);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The credentials for one call of kind <paramref name="call"/>, taken from the token's limit; when the limit is used
    /// up, no token and when to ask again.
    /// </summary>
    private PublishCredentials PacedCredentials(string call) =>
        S.Status == SocialAccountStatus.Connected
        && _pacer.TryTake(call, platforms.Get(S.Platform).CallLimits.GetValueOrDefault(call), time.GetUtcNow()) is { } retryAt
            ? Credentials() with { AccessTokenCiphertext = null, RetryAt = retryAt }
            : Credentials();

    /// <summary>
    /// Reads the queue when the account activates. A revoked account has none (what it must still cancel is in its
    /// state); rows a crash left behind after the revocation was stored are dropped.
    /// </summary>
    private async Task LoadQueueAsync(CancellationToken cancellationToken)
    {
        if (S.Status == SocialAccountStatus.Disconnected)
        {
            await ForgetQueueAsync();
            return;
        }

        _queued.UnionWith(await queue.LoadAsync(Id, cancellationToken));
    }

    /// <summary>After a revocation is stored: its queue records go (should this fail, the next activation retries).</summary>
    private async Task ForgetQueueAsync()
    {
        try
        {
            await queue.ClearAsync(Id, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogQueueNotCleared(logger, e, Id);
        }
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
        await StoreAsync();
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
    /// After a revocation is stored: the listing shows its posts canceled at once (one statement), the upkeep
    /// reminder comes back within a minute to finish the job should this activation die, and a background drain
    /// tells each post. Nothing can publish meanwhile: a post asks its account right before the hand-off, and a post
    /// asked by a partner first settles the revocation itself.
    /// </summary>
    private async Task BeginCancellationsAsync(DateTimeOffset revokedAt)
    {
        if (S.PendingCancellations.Count == 0)
        {
            await EndCancellationsAsync();
            return;
        }

        try
        {
            await listing.MarkCanceledAsync(S.PendingCancellations, "account_revoked", revokedAt, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The posts write their own rows as the drain reaches them.
            LogListingBehind(logger, e, Id);
        }

        await this.RegisterOrUpdateReminder(UpkeepReminder, UpkeepRetryPeriod, UpkeepRetryPeriod);
        _drain ??= this.RegisterGrainTimer(DrainCancellationsAsync, new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromMilliseconds(1)) { KeepAlive = true });
    }

    /// <summary>One step of the background drain: tells the next posts, stores the progress, stops when done.</summary>
    private async Task DrainCancellationsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var step = S.PendingCancellations.Take(DrainStep).ToList();
            await CancelPostsAsync(step);
            S.PendingCancellations.RemoveRange(0, step.Count);
            await StoreAsync();
            if (S.PendingCancellations.Count == 0)
            {
                await EndCancellationsAsync();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next step (or the upkeep reminder, after a crash) tries again; each post cancels once.
            LogDrainFailed(logger, e, Id);
        }
    }

    /// <summary>
    /// Cancels every post a revocation took off the queue, in this turn (the upkeep tick's way of finishing a drain a
    /// crash cut short). The list is cleared only once every post has answered.
    /// </summary>
    private async Task CancelPendingPostsAsync()
    {
        await CancelPostsAsync(S.PendingCancellations);
        S.PendingCancellations.Clear();
        await StoreAsync();
        await EndCancellationsAsync();
    }

    /// <summary>Every post is told: the drain stops, and a revoked account needs no more upkeep.</summary>
    private async Task EndCancellationsAsync()
    {
        _drain?.Dispose();
        _drain = null;
        if (S.Status == SocialAccountStatus.Disconnected)
        {
            await UnregisterUpkeepAsync();
        }
    }

    /// <summary>The posts answer even while they wait on this account, so the calls cannot deadlock.</summary>
    private async Task CancelPostsAsync(IEnumerable<string> postIds)
    {
        var revokedAt = S.DisconnectedAt ?? time.GetUtcNow();
        foreach (var batch in postIds.Chunk(CancellationBatch))
        {
            await Task.WhenAll(batch.Select(id => GrainFactory.GetGrain<IScheduledPostGrain>(id).CancelForRevokeAsync(revokedAt)));
        }
    }

    private PublishCredentials Credentials() => new(
        S.Status, S.Status == SocialAccountStatus.Disconnected ? null : S.Tokens?.AccessTokenCiphertext, S.PlatformUserId, S.Handle, S.DisconnectedAt,
        Scopes: [.. S.Scopes]);

    private void EnsureExists()
    {
        if (!state.RecordExists)
        {
            throw LayersException.NotFound("social account");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue records of revoked {SocialAccountId} not removed; the next activation removes them")]
    private static partial void LogQueueNotCleared(ILogger logger, Exception exception, string socialAccountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing of {SocialAccountId}'s posts not marked canceled at revoke; the posts update it as they are told")]
    private static partial void LogListingBehind(ILogger logger, Exception exception, string socialAccountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Canceling the posts of revoked {SocialAccountId} paused; retrying")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception, string socialAccountId);
}
