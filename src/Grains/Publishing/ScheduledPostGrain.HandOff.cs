using System.Diagnostics;
using Layers.Common;
using Layers.Platforms;
using Layers.SocialAccounts;
using Layers.Telemetry;
using Microsoft.Extensions.Logging;

namespace Layers.Publishing;

/// <summary>
/// The hand-off: at the due time, the account's check and pace, the journal's record, the one platform call, and what a
/// crash or a refusal leaves (recovery, postponement, a new attempt where nothing was visible).
/// </summary>
internal sealed partial class ScheduledPostGrain
{
    /// <summary>When the platform answered the last hand-off (for the hand-off's debug log).</summary>
    private long _answeredAt;

    /// <summary>
    /// A queued post at or past its due time may have been handed off by an activation that died before storing what
    /// came of it: the journal knows. Such a post is <c>publishing</c> without a handle, which the next tick fails.
    /// </summary>
    private async Task RecoverHandOffAsync()
    {
        if (S.Status != ScheduledPostStatus.Queued || time.GetUtcNow() < DueAt - ClockSkew)
        {
            return;
        }

        if (await journal.FindAsync(Id, CancellationToken.None) is { } last && last.Attempt > S.Attempts)
        {
            if (Platform.UnconfirmedStartIsInvisible)
            {
                // Whatever that attempt left at the platform nobody can see, and it expires: the post simply goes again.
                S.Attempts = last.Attempt;
                return;
            }

            S.Status = ScheduledPostStatus.Publishing;
            S.Attempts = last.Attempt;
            S.AttemptedAt = last.At;
            S.Handle = null;
        }
    }

    /// <summary>
    /// The hand-off: check the account, record the attempt, call the platform once, store its handle.
    /// <paramref name="began"/> is when the grain's turn that hands it off began (for the log: a late hand-off was
    /// either late to begin or slow to pass the checks).
    /// </summary>
    private async Task HandOffAsync(DateTimeOffset began)
    {
        using var activity = LayersActivitySource.StartHandOff(_origin, Id, S.SocialAccountId, S.Platform, time.GetUtcNow());
        if (S.Assets.Any(a => !a.IsChecked) && !await SettleMediaAsync())
        {
            return;
        }

        var credentials = await Account.BeginPublishAsync(Id);
        if (S.Status != ScheduledPostStatus.Queued)
        {
            // Canceled while the account answered (a revocation reaches the post even while it waits).
            return;
        }

        if (credentials.Status == SocialAccountStatus.Disconnected)
        {
            await CancelAsync(AccountRevoked, credentials.DisconnectedAt);
            return;
        }

        if (credentials.RetryAt is { } retryAt)
        {
            // The account's token has used up its platform's hand-off limit: wait for room instead of being refused.
            await PostponeAsync(null, retryAt);
            return;
        }

        if (credentials.Status == SocialAccountStatus.ReauthRequired || Decrypt(credentials) is not { } token)
        {
            await Account.UntrackQueuedPostAsync(Id);
            await FailAsync(PostErrorCodes.CredentialInvalid, "The account must be re-authorized before it can publish.", null);
            return;
        }

        if (await RecordHandOffAsync() is not { } attemptedAt)
        {
            return;
        }

        LogHandOff(logger, Id, S.Platform, (attemptedAt - S.ScheduledFor).TotalMilliseconds, (began - S.ScheduledFor).TotalMilliseconds);
        LayersMetrics.PostHandedOff(S.Platform, attemptedAt - S.ScheduledFor);

        PublishHandle handle;
        var calling = Stopwatch.GetTimestamp();
        try
        {
            handle = await StartPublishAsync(token, credentials);
        }
        catch (PlatformAuthException e)
        {
            await Account.MarkReauthRequiredAsync(e.PlatformCode ?? "auth_refused");
            await FailAsync(PostErrorCodes.CredentialInvalid, "The platform refused the account's token.", e.PlatformCode);
            return;
        }
        catch (PlatformException e) when (e.RateLimited)
        {
            // The platform counted differently (another app, a restart that forgot the pace): this account waits,
            // no other account does.
            var until = time.GetUtcNow() + Backoff();
            await Account.PauseCallsAsync(PlatformCalls.PublishStart, until);
            await PostponeAsync(e.PlatformCode, until);
            return;
        }
        catch (PlatformException e) when (e.Retryable && (Platform.UnconfirmedStartIsInvisible || !PlatformErrors.IsOutcomeUnknown(e)))
        {
            // Posting caps, and any transient failure that left nothing visible: the platform did not take the post,
            // so it goes again later.
            await PostponeAsync(e.PlatformCode);
            return;
        }
        catch (PlatformException e) when (!e.Retryable)
        {
            await FailAsync(Platform.ErrorCodeFor(e.PlatformCode), "The platform refused the post.", e.PlatformCode);
            return;
        }
        catch (Exception e) when (e is PlatformException or HttpRequestException or TaskCanceledException or TimeoutException)
        {
            // No answer from a TikTok init: the platform may or may not have taken it; trying again could publish twice.
            await FailAsync(PostErrorCodes.PublishOutcomeUnknown, "The platform did not answer the hand-off; whether it was published is unknown.", (e as PlatformException)?.PlatformCode);
            return;
        }

        S.Handle = handle;
        var storing = Stopwatch.GetTimestamp();
        await WriteAsync();
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var platform = Stopwatch.GetElapsedTime(calling, _answeredAt);
            var total = Stopwatch.GetElapsedTime(storing);
            LogHandOffStored(logger, Id, platform.TotalMilliseconds, Stopwatch.GetElapsedTime(_answeredAt, storing).TotalMilliseconds,
                (total - _lastHandOn.Events - _lastHandOn.Listing).TotalMilliseconds, _lastHandOn.Events.TotalMilliseconds, _lastHandOn.Listing.TotalMilliseconds);
        }

        _reads = 0;
        ArmTimer();
    }

    /// <summary>
    /// A post scheduled while its content was still being checked: the hand-off waits for the check, and a file that
    /// no platform, or not this one, takes fails the post with <c>MEDIA_REJECTED</c> before anything is sent. Returns
    /// whether the post may go on.
    /// </summary>
    private async Task<bool> SettleMediaAsync()
    {
        var content = await GrainFactory.GetGrain<IContentContainerGrain>(S.ContainerId).SettleAsync(S.OrganizationId!);
        if (S.Status != ScheduledPostStatus.Queued)
        {
            return false;
        }

        var problems = content.Status == ContentStatus.Failed
            ? [.. content.AssetProblems]
            : content.Assets.SelectMany((a, i) => Platform.Media.Check(a, $"assets[{i}]")).ToList();
        if (problems.Count > 0)
        {
            await Account.UntrackQueuedPostAsync(Id);
            await FailAsync(PostErrorCodes.MediaRejected,
                "The media cannot be published: " + string.Join(" ", problems.Select(p => $"{p.Path}: {p.Message}")), null);
            return false;
        }

        S.Assets = [.. content.Assets];
        return true;
    }

    /// <summary>
    /// A few seconds before the due time, starts the platform read that the hand-off begins with (TikTok's creator
    /// info), so that the posts of an account falling due together find it done instead of all waiting for it. The
    /// hand-off itself still checks the account at its due time.
    /// </summary>
    private async Task ReadAheadAsync(DateTimeOffset now)
    {
        var client = platforms.Get(S.Platform);
        if (_readAheadFor == DueAt || now < DueAt - ReadAhead || !client.ReadsAheadOfPublish(S.Mode))
        {
            return;
        }

        _readAheadFor = DueAt;
        var credentials = await Account.GetCredentialsAsync();
        if (credentials.Status is not (SocialAccountStatus.Disconnected or SocialAccountStatus.ReauthRequired) && Decrypt(credentials) is { } token)
        {
            client.ReadAheadOfPublish(token, S.Mode);
        }
    }

    /// <summary>
    /// Records the attempt before the platform is called; only the journal's record stands between the due time and
    /// the call (the post's state follows with the handle). Should the record fail, nothing was sent: the post goes
    /// back to its account's queue and the next tick tries again. Returns the attempt's time, or null when it failed.
    /// </summary>
    private async Task<DateTimeOffset?> RecordHandOffAsync()
    {
        var previous = S.AttemptedAt;
        var now = time.GetUtcNow();
        S.Status = ScheduledPostStatus.Publishing;
        S.Attempts++;
        S.AttemptedAt = now;
        try
        {
            await journal.RecordAsync(new HandOffRecord(Id, S.SocialAccountId, S.Attempts, now), CancellationToken.None);
            return now;
        }
        catch (Exception e)
        {
            LogHandOffNotRecorded(logger, e, Id);
            S.Status = ScheduledPostStatus.Queued;
            S.Attempts--;
            S.AttemptedAt = previous;
        }

        try
        {
            await Account.TrackQueuedPostAsync(Id);
        }
        catch (LayersException)
        {
            await CancelAsync(AccountRevoked);
        }

        return null;
    }

    /// <summary>
    /// The one platform call of the hand-off. Once it has answered, this post no longer holds back the work that
    /// follows other hand-offs (only background work, until it has stored the answer), and what follows waits for the
    /// posts due now (<see cref="HandOffPriority"/>).
    /// </summary>
    private async Task<PublishHandle> StartPublishAsync(string token, PublishCredentials credentials)
    {
        try
        {
            return await platforms.Get(S.Platform).StartPublishAsync(token, Request(credentials), CancellationToken.None);
        }
        finally
        {
            _answeredAt = Stopwatch.GetTimestamp();
            priority.HandedOff(Id);
            await priority.YieldAsync();
        }
    }

    /// <summary>
    /// A hand-off cut short before its handle was stored, on a platform where that leaves nothing visible: the post is
    /// queued again and goes at once.
    /// </summary>
    private async Task RequeueAsync()
    {
        S.Status = ScheduledPostStatus.Queued;
        S.NextAttemptAt = time.GetUtcNow();
        await WriteAsync();
        try
        {
            await Account.TrackQueuedPostAsync(Id);
        }
        catch (LayersException)
        {
            await CancelAsync(AccountRevoked);
            return;
        }

        ArmTimer();
    }

    /// <summary>1, 2, 4, 8, 16, then 30 minutes as a post keeps being refused for a limit that lifts with time.</summary>
    private TimeSpan Backoff() => TimeSpan.FromMinutes(Math.Min(30, Math.Pow(2, Math.Min(S.Postponements, 5))));

    /// <summary>
    /// The post stays queued and goes again at <paramref name="until"/>, or after a widening pause when the platform
    /// gave no time (a posting cap, a transient failure).
    /// </summary>
    private async Task PostponeAsync(string? platformCode, DateTimeOffset? until = null)
    {
        var next = until ?? time.GetUtcNow() + Backoff();
        S.Postponements++;
        S.Status = ScheduledPostStatus.Queued;
        S.NextAttemptAt = next;
        S.LastError = new PostError(PostErrorCodes.RateLimitedByPlatform,
            platformCode is null
                ? "The account has used up its platform's limit for now; the post goes as soon as the limit allows."
                : "The platform asked to slow down; the post will be retried.",
            platformCode);
        await WriteAsync();
        LayersMetrics.PostOutcome(S.Platform, "postponed", PostErrorCodes.RateLimitedByPlatform);
        try
        {
            await Account.TrackQueuedPostAsync(Id);
        }
        catch (LayersException)
        {
            await CancelAsync(AccountRevoked);
            return;
        }

        await ArmReminderAsync();
        ArmTimer();
    }

    private PublishRequest Request(PublishCredentials credentials)
    {
        var mode = Platform.PlatformMode(S.Mode, [.. S.Assets.Select(a => a.Kind)]);
        return new PublishRequest(credentials.PlatformUserId, mode, S.Caption,
            [.. S.Assets.Select((a, i) => PublishAsset.From(a, links.For(Id, i, time.GetUtcNow())))], S.Options);
    }

    private string? Decrypt(PublishCredentials credentials)
    {
        if (credentials.AccessTokenCiphertext is null)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(credentials.AccessTokenCiphertext, $"{S.SocialAccountId}:access");
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {ScheduledPostId} handed to {Platform}, {LatenessMs} ms after its due time (its turn began {TurnLatenessMs} ms after it)")]
    private static partial void LogHandOff(ILogger logger, string scheduledPostId, string platform, double latenessMs, double turnLatenessMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Post {ScheduledPostId} stored its hand-off: the platform answered in {PlatformMs:F0} ms, then {YieldMs:F0} ms making way for posts due, {StateMs:F0} ms storing the state, {EventsMs:F0} ms appending events, {ListingMs:F0} ms writing the listing row")]
    private static partial void LogHandOffStored(ILogger logger, string scheduledPostId, double platformMs, double yieldMs, double stateMs, double eventsMs, double listingMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hand-off of post {ScheduledPostId} not recorded; it stays queued and tries again")]
    private static partial void LogHandOffNotRecorded(ILogger logger, Exception exception, string scheduledPostId);
}
