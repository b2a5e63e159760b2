using Layers.Events;
using Layers.Platforms;
using Layers.SocialAccounts;
using Layers.Telemetry;
using Microsoft.Extensions.Logging;

namespace Layers.Publishing;

/// <summary>
/// Following a handed-off post: progress reads on the platform's schedule within the token's limit, the outcome, and
/// the public id moderation names later.
/// </summary>
internal sealed partial class ScheduledPostGrain
{
    /// <summary>
    /// Follows a handed-off post to a terminal state, reconciling by status query after a crash. Reads are spaced by
    /// the platform's schedule and counted against the account token's limit; past the schedule's horizon the post
    /// fails.
    /// </summary>
    private async Task FollowAsync()
    {
        await priority.YieldAsync();
        var client = Platform;
        if (time.GetUtcNow() - S.AttemptedAt > client.ProcessingPolls.Horizon)
        {
            if (_lastReadFailed)
            {
                await FailAsync(PostErrorCodes.PublishOutcomeUnknown, "The platform never reported how the post ended.", null);
            }
            else
            {
                await FailAsync(PostErrorCodes.PlatformError, $"The platform did not finish processing the post within {client.ProcessingPolls.Horizon}.", client.ProcessingPolls.HorizonCode);
            }

            return;
        }

        if (await ReadCredentialsAsync() is not { } read)
        {
            if (_nextPause is null)
            {
                await FailAsync(PostErrorCodes.AccountDisconnected, "The account was disconnected while the platform processed the post.", null);
            }

            return;
        }

        var (token, scopes) = read;
        PublishProgress progress;
        try
        {
            progress = await client.CheckPublishAsync(token, S.Handle!, Stopping);
            _lastReadFailed = false;
            if (Stopping.IsCancellationRequested)
            {
                // The service began to stop during the read: the restart reads again and acts on the answer, rather
                // than this stopping silo calling grains it may already have let go.
                return;
            }

            if (progress.State == PublishState.ReadyToFinalize)
            {
                // The container is finished and not published (a media_publish that did not take leaves it so).
                S.Finalizing = true;
                await WriteAsync();
                progress = await client.FinalizePublishAsync(token, S.Handle!, CancellationToken.None);
            }
        }
        catch (PlatformAuthException e)
        {
            await Account.MarkReauthRequiredAsync(e.PlatformCode ?? "auth_refused");
            await FailAsync(PostErrorCodes.CredentialInvalid, "The platform refused the account's token.", e.PlatformCode);
            return;
        }
        catch (PlatformException e) when (e.RateLimited)
        {
            await PauseReadsAsync();
            return;
        }
        catch (PlatformException e) when (!e.Retryable)
        {
            await FailAsync(client.ErrorCodeFor(e.PlatformCode), "The platform refused to publish the media.", e.PlatformCode);
            return;
        }
        catch (Exception e) when (e is PlatformException or HttpRequestException or OperationCanceledException or TimeoutException)
        {
            _lastReadFailed = true;
            return;
        }

        switch (progress.State)
        {
            case PublishState.Published or PublishState.Draft:
                await CompleteAsync(progress, scopes);
                await PostFirstCommentAsync(token, scopes);
                break;
            case PublishState.Failed:
                await FailAsync(progress.ErrorCode ?? PostErrorCodes.PlatformError, progress.Message ?? "The platform could not publish the post.", progress.PlatformCode);
                break;
        }
    }

    /// <summary>
    /// A published post the platform has not named yet (TikTok names it once moderation passes it): reads until the
    /// public id appears, then metrics start from it. Past the horizon, the post stays published without one.
    /// </summary>
    private async Task FollowPublicIdAsync()
    {
        var schedule = Platform.PublicIdPolls;
        if (schedule is null || time.GetUtcNow() - S.PublishedAt > schedule.Horizon)
        {
            await StopAwaitingPublicIdAsync();
            return;
        }

        // Posts due now come first, and what they store of their hand-offs (a restart brings both back at once).
        await priority.YieldToHandOffsAsync();
        if (await ReadCredentialsAsync() is not { } read)
        {
            if (_nextPause is null)
            {
                await StopAwaitingPublicIdAsync();
            }

            return;
        }

        PublishProgress progress;
        try
        {
            progress = await Platform.CheckPublishAsync(read.Token, S.Handle!, Stopping);
        }
        catch (PlatformException e) when (e.RateLimited)
        {
            await PauseReadsAsync();
            return;
        }
        catch (Exception e) when (e is PlatformException or HttpRequestException or OperationCanceledException or TimeoutException)
        {
            LogPublicIdReadFailed(logger, Id, (e as PlatformException)?.PlatformCode);
            return;
        }

        if (progress.State == PublishState.Published && progress.ExternalId is { } postId)
        {
            var now = time.GetUtcNow();
            S.ExternalId = postId;
            S.ExternalUrl = progress.ExternalUrl;
            S.AwaitingPublicId = false;
            S.NextMetricsAt = S.MetricsUnavailable is null ? now + FirstMetricsRead : null;
            await WriteAsync();
            StopTimer();
            await KeepFollowUpWakeableAsync(now);
            if (!NeedsOwnReminder)
            {
                await StopReminderAsync();
            }
        }
        else if (progress.State == PublishState.Failed)
        {
            await StopAwaitingPublicIdAsync();
        }
    }

    private async Task StopAwaitingPublicIdAsync()
    {
        S.AwaitingPublicId = false;
        await WriteAsync();
        StopTimer();
        await StopReminderAsync();
    }

    /// <summary>
    /// The account's token for one progress read, counted against its platform's limit. Null when the account gives
    /// none: <see cref="_nextPause"/> is then set when it asked to wait, and left null when it is disconnected.
    /// </summary>
    private async Task<(string Token, IReadOnlyList<string>? Scopes)?> ReadCredentialsAsync()
    {
        _nextPause = null;
        var credentials = await Account.BeginCallAsync(PlatformCalls.PublishStatus);
        if (credentials.RetryAt is { } retryAt)
        {
            var pause = retryAt - time.GetUtcNow();
            _nextPause = pause > TimeSpan.Zero ? pause : PollInterval;
            return null;
        }

        if (credentials.Status == SocialAccountStatus.Disconnected || Decrypt(credentials) is not { } token)
        {
            return null;
        }

        _reads++;
        return (token, credentials.Scopes);
    }

    /// <summary>The platform refused a read for the token's rate limit: the account's reads wait a minute.</summary>
    private async Task PauseReadsAsync()
    {
        var pause = TimeSpan.FromMinutes(1);
        await Account.PauseCallsAsync(PlatformCalls.PublishStatus, time.GetUtcNow() + pause);
        _nextPause = pause;
    }

    private async Task CompleteAsync(PublishProgress progress, IReadOnlyList<string>? scopes)
    {
        var now = time.GetUtcNow();
        var client = Platform;
        var published = progress.State != PublishState.Draft;
        S.Status = published ? ScheduledPostStatus.Published : ScheduledPostStatus.Draft;
        S.PublishedAt = now;
        S.ExternalId = progress.ExternalId;
        S.ExternalUrl = progress.ExternalUrl;
        S.LastError = null;
        S.AwaitingPublicId = published && progress.ExternalId is null && client.PublicIdPolls is not null;
        S.MetricsUnavailable = published && scopes is not null
            && client.FeatureScopes.TryGetValue(PlatformFeatures.Metrics, out var needed) && !needed.All(scopes.Contains)
                ? ScopeMissing
                : null;
        // Metrics need the post's own id; a platform that only confirmed the hand-off id gives nothing to query.
        var hasPostId = progress.ExternalId is not null && progress.ExternalId != S.Handle?.Id;
        S.NextMetricsAt = published && hasPostId && S.MetricsUnavailable is null ? now + FirstMetricsRead : null;
        Record(EventTypes.PostPublished);
        await WriteAsync();
        LayersMetrics.PostOutcome(S.Platform, S.Status, null);
        StopTimer();
        await Account.RecordPublishOutcomeAsync(null);
        await KeepFollowUpWakeableAsync(now);
        if (S.AwaitingPublicId)
        {
            // Its timer reads the id; its listing row brings it back should the timer be lost (no reminder of its own).
            _reads = 0;
            ArmTimer();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Public id of post {ScheduledPostId} not read ({PlatformCode}); reading again later")]
    private static partial void LogPublicIdReadFailed(ILogger logger, string scheduledPostId, string? platformCode);
}
