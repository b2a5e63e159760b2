using Layers.Common;
using Layers.Events;
using Layers.Platforms;
using Layers.Security;
using Layers.SocialAccounts;
using Layers.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Layers.Publishing;

/// <summary>
/// One post to one account. The at-most-once rule: the post records its attempt in the <see cref="IHandOffJournal"/>
/// before it calls the platform and stores <c>publishing</c> with the platform's handle as soon as it has it. A post
/// whose journal shows an attempt its state does not know, or found <c>publishing</c> without a handle, was cut short
/// by a crash: it is failed with <c>PUBLISH_OUTCOME_UNKNOWN</c>, never handed over again.
/// </summary>
internal sealed partial class ScheduledPostGrain(
    [PersistentState("scheduledpost", StorageNames.Layers)] IPersistentState<ScheduledPostState> state,
    [FromKeyedServices(LayersTime.Key)] TimeProvider time,
    IPlatformClients platforms,
    SecretProtector protector,
    IPostReadModel listing,
    IHandOffJournal journal,
    HandOffPriority priority,
    ILogger<ScheduledPostGrain> logger) : Grain, IScheduledPostGrain, IRemindable, IDisposable
{
    private const string AccountRevoked = "account_revoked";
    private const string ScopeMissing = "scope_missing";
    private const string Reminder = "post";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan TimerHorizon = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The first metrics read after a post is live with its public id (it also confirms the post is visible).</summary>
    private static readonly TimeSpan FirstMetricsRead = TimeSpan.FromMinutes(1);

    /// <summary>How long before its due time a post starts the read its platform call begins with.</summary>
    private static readonly TimeSpan ReadAhead = TimeSpan.FromSeconds(5);

    /// <summary>How far the clocks of two silos may disagree: a post this close to its due time may have been handed off.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private IGrainTimer? _timer;
    private ISocialAccountGrain? _account;
    private TraceOrigin _origin;
    private DateTimeOffset? _readAheadFor;

    /// <summary>Platform reads made in the current stage of following the post (processing, then the public id).</summary>
    private int _reads;

    /// <summary>When the account asked to wait before the next read (its token's limit), the pause to wait instead.</summary>
    private TimeSpan? _nextPause;

    /// <summary>Whether the last read of the post's progress failed without an answer.</summary>
    private bool _lastReadFailed;

    private ScheduledPostState S => state.State;

    private string Id => this.GetPrimaryKeyString();

    /// <summary>The post's account, resolved once per activation (a reference costs a reflection lookup to make).</summary>
    private ISocialAccountGrain Account => _account ??= GrainFactory.GetGrain<ISocialAccountGrain>(S.SocialAccountId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            return;
        }

        await HandOnAsync();
        await RecoverHandOffAsync(cancellationToken);
        if (S.FirstComment?.Status == FirstCommentView.Pending && S.FirstCommentSent)
        {
            // The process died while the comment was being sent: it may be there, and is not sent twice.
            await SettleFirstCommentAsync(null, "outcome_unknown");
        }
        if (S.Status is ScheduledPostStatus.Queued or ScheduledPostStatus.Publishing
            || (S.Status == ScheduledPostStatus.Published && S.AwaitingPublicId))
        {
            ArmTimer();
        }
    }

    /// <summary>
    /// A queued post at or past its due time may have been handed off by an activation that died before storing what
    /// came of it: the journal knows. Such a post is <c>publishing</c> without a handle, which the next tick fails.
    /// </summary>
    private async Task RecoverHandOffAsync(CancellationToken cancellationToken)
    {
        if (S.Status != ScheduledPostStatus.Queued || time.GetUtcNow() < DueAt - ClockSkew)
        {
            return;
        }

        if (await journal.FindAsync(Id, cancellationToken) is { } last && last.Attempt > S.Attempts)
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

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        priority.Done(Id);
        return Task.CompletedTask;
    }

    public async Task<ScheduledPostView> ScheduleAsync(PostDraft draft)
    {
        if (state.RecordExists)
        {
            if (draft.BatchId is null || draft.BatchId != S.BatchId)
            {
                throw LayersException.Conflict($"A scheduled post {Id} exists already.");
            }

            // The same request again (it was cut short): make sure the post is complete.
            await CompleteSchedulingAsync();
            return View();
        }

        S.OrganizationId = draft.OrganizationId;
        S.ProjectId = draft.ProjectId;
        S.ContainerId = draft.ContainerId;
        S.SocialAccountId = draft.SocialAccountId;
        S.Platform = draft.Platform;
        S.Mode = draft.Mode;
        S.Caption = draft.Caption;
        S.Assets = [.. draft.Assets];
        S.Options = draft.Options;
        S.FirstCommentText = draft.FirstComment;
        S.FirstComment = draft.FirstComment is null ? null
            : Platform.FeatureScopes.ContainsKey(PlatformFeatures.Comments) ? new FirstCommentView(FirstCommentView.Pending, null, null)
            : new FirstCommentView(FirstCommentView.NotSupported, null, null);
        S.ScheduledFor = draft.ScheduledFor;
        S.BatchId = draft.BatchId;
        S.Status = ScheduledPostStatus.Queued;
        _origin = LayersActivitySource.Capture(time.GetUtcNow());
        Record(EventTypes.PostScheduled);
        await WriteAsync();
        if (!await CompleteSchedulingAsync())
        {
            throw LayersException.Conflict("The social account was disconnected.");
        }

        return View();
    }

    /// <summary>
    /// What follows storing a queued post, safe to repeat: its account's queue, its listing row and events, its
    /// reminder and timer. False when the account was disconnected meanwhile (the post is then canceled).
    /// </summary>
    private async Task<bool> CompleteSchedulingAsync()
    {
        await HandOnAsync();
        if (S.Status != ScheduledPostStatus.Queued)
        {
            return true;
        }

        try
        {
            await Account.TrackQueuedPostAsync(Id);
        }
        catch (LayersException)
        {
            await CancelAsync(AccountRevoked);
            return false;
        }

        await ArmReminderAsync();
        ArmTimer();
        return true;
    }

    public async Task TakeBackAsync(string batchId)
    {
        if (state.RecordExists && S.BatchId == batchId && S.Status == ScheduledPostStatus.Queued)
        {
            await CancelAsync("request_rejected");
            await Account.UntrackQueuedPostAsync(Id);
        }
    }

    public async Task<ScheduledPostView> GetAsync(string organizationId)
    {
        EnsureVisible(organizationId);
        await SettleRevocationAsync();
        return View();
    }

    public async Task<ScheduledPostView> RescheduleAsync(string organizationId, DateTimeOffset scheduledFor)
    {
        EnsureVisible(organizationId);
        await SettleRevocationAsync();
        EnsureQueued();
        S.ScheduledFor = scheduledFor;
        S.NextAttemptAt = null;
        await WriteAsync();
        await ArmReminderAsync();
        ArmTimer();
        return View();
    }

    public async Task<ScheduledPostView> CancelAsync(string organizationId, string? reason)
    {
        EnsureVisible(organizationId);
        await SettleRevocationAsync();
        EnsureQueued();
        await CancelAsync(reason ?? "canceled_by_partner");
        await Account.UntrackQueuedPostAsync(Id);
        return View();
    }

    public async Task<bool> CancelForRevokeAsync(DateTimeOffset revokedAt)
    {
        if (!state.RecordExists)
        {
            return false;
        }

        if (S.Status == ScheduledPostStatus.Queued)
        {
            await CancelAsync(AccountRevoked, revokedAt);
            return true;
        }

        return S.Status == ScheduledPostStatus.Canceled && S.CancelReason == AccountRevoked;
    }

    /// <summary>
    /// A queued post whose account is revoked is canceled already in substance (nothing can publish it); the account
    /// tells its posts one by one after answering the revoke, and a post asked before its turn settles it itself.
    /// </summary>
    private async Task SettleRevocationAsync()
    {
        if (S.Status != ScheduledPostStatus.Queued)
        {
            return;
        }

        var credentials = await Account.GetCredentialsAsync();
        if (credentials.Status == SocialAccountStatus.Disconnected && S.Status == ScheduledPostStatus.Queued)
        {
            await CancelAsync(AccountRevoked, credentials.DisconnectedAt);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => RunAsync();

    public async Task RunAsync()
    {
        if (!state.RecordExists)
        {
            await StopReminderAsync();
            return;
        }

        await HandOnAsync();
        var now = time.GetUtcNow();
        switch (S.Status)
        {
            case ScheduledPostStatus.Queued when now >= DueAt:
                try
                {
                    await HandOffAsync();
                }
                finally
                {
                    priority.Done(Id);
                }

                break;
            case ScheduledPostStatus.Queued:
                await ReadAheadAsync(now);
                ArmTimer();
                break;
            case ScheduledPostStatus.Publishing when S.Handle is null && Platform.UnconfirmedStartIsInvisible:
                // The attempt died with its process before its handle was stored; it left nothing visible.
                await RequeueAsync();
                break;
            case ScheduledPostStatus.Publishing when S.Handle is null:
                // Nobody is calling the platform now (calls never interleave), so this attempt died with its
                // process between handing the post over and storing the handle.
                await FailAsync(PostErrorCodes.PublishOutcomeUnknown, "The process stopped while handing the post to the platform; whether it was published is unknown.", null);
                break;
            case ScheduledPostStatus.Publishing:
                await FollowAsync();
                if (S.Status == ScheduledPostStatus.Publishing)
                {
                    ArmTimer();
                }

                break;
            case ScheduledPostStatus.Published when S.AwaitingPublicId:
                await FollowPublicIdAsync();
                if (S.AwaitingPublicId)
                {
                    ArmTimer();
                }

                break;
            case ScheduledPostStatus.Published when S.NextMetricsAt is { } next && now >= next:
                await SyncMetricsAsync();
                break;
            case ScheduledPostStatus.Published when S.NextMetricsAt is null:
            case ScheduledPostStatus.Draft or ScheduledPostStatus.Failed or ScheduledPostStatus.Canceled:
                await StopReminderAsync();
                break;
        }
    }

    public async Task SyncMetricsAsync()
    {
        if (!state.RecordExists || S.Status != ScheduledPostStatus.Published || S.ExternalId is null || S.PublishedAt is null
            || S.MetricsUnavailable is not null)
        {
            return;
        }

        var credentials = await Account.GetCredentialsAsync();
        var now = time.GetUtcNow();
        if (credentials.Status == SocialAccountStatus.Disconnected || Decrypt(credentials) is not { } token)
        {
            // A revoked account's posts keep their last metrics and are not synced again.
            S.NextMetricsAt = null;
            await WriteAsync();
            await StopReminderAsync();
            return;
        }

        try
        {
            var metrics = await platforms.Get(S.Platform).GetMetricsAsync(token, S.ExternalId, CancellationToken.None);
            S.Metrics = new PostMetricsView(metrics.Views, metrics.Likes, metrics.Comments, metrics.Shares, now);
        }
        catch (PlatformException e)
        {
            LogMetricsFailed(logger, Id, e.PlatformCode);
        }

        var previousStep = S.NextMetricsAt is { } previous ? previous - (S.Metrics?.SyncedAt ?? now) : TimeSpan.Zero;
        S.NextMetricsAt = MetricsCadence.Next(S.PublishedAt.Value, now);
        await WriteAsync();
        if (S.NextMetricsAt is null)
        {
            await StopReminderAsync();
        }
        else if (S.NextMetricsAt.Value - now != previousStep)
        {
            await this.RegisterOrUpdateReminder(Reminder, S.NextMetricsAt.Value - now, S.NextMetricsAt.Value - now);
        }
    }

    private DateTimeOffset DueAt => S.NextAttemptAt ?? S.ScheduledFor;

    /// <summary>The hand-off: check the account, record the attempt, call the platform once, store its handle.</summary>
    private async Task HandOffAsync()
    {
        using var activity = LayersActivitySource.StartHandOff(_origin, Id, S.SocialAccountId, S.Platform, time.GetUtcNow());
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

        LogHandOff(logger, Id, S.Platform, (attemptedAt - S.ScheduledFor).TotalMilliseconds);
        LayersMetrics.PostHandedOff(S.Platform, attemptedAt - S.ScheduledFor);

        PublishHandle handle;
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
        await WriteAsync();
        _reads = 0;
        ArmTimer();
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
    /// The one platform call of the hand-off. Once it has answered, this post no longer holds others back, and what
    /// follows waits for the posts due now (<see cref="HandOffPriority"/>).
    /// </summary>
    private async Task<PublishHandle> StartPublishAsync(string token, PublishCredentials credentials)
    {
        try
        {
            return await platforms.Get(S.Platform).StartPublishAsync(token, Request(credentials), CancellationToken.None);
        }
        finally
        {
            priority.Done(Id);
            await priority.YieldAsync();
        }
    }

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
            progress = await client.CheckPublishAsync(token, S.Handle!, CancellationToken.None);
            _lastReadFailed = false;
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
        catch (Exception e) when (e is PlatformException or HttpRequestException or TaskCanceledException or TimeoutException)
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
            progress = await Platform.CheckPublishAsync(read.Token, S.Handle!, CancellationToken.None);
        }
        catch (PlatformException e) when (e.RateLimited)
        {
            await PauseReadsAsync();
            return;
        }
        catch (Exception e) when (e is PlatformException or HttpRequestException or TaskCanceledException or TimeoutException)
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
            await ArmMetricsReminderAsync(now);
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
        if (S.AwaitingPublicId)
        {
            _reads = 0;
            await this.RegisterOrUpdateReminder(Reminder, ReminderPeriod, ReminderPeriod);
            ArmTimer();
        }
        else
        {
            await ArmMetricsReminderAsync(now);
        }
    }

    /// <summary>
    /// Posts the container's first comment under the post once it is live, once: the attempt is stored before the call,
    /// and whatever happens the post stays published.
    /// </summary>
    private async Task PostFirstCommentAsync(string token, IReadOnlyList<string>? scopes)
    {
        if (S.FirstComment?.Status != FirstCommentView.Pending || S.FirstCommentText is not { } message)
        {
            return;
        }

        if (S.Status != ScheduledPostStatus.Published || S.ExternalId is not { } mediaId || mediaId == S.Handle?.Id)
        {
            await SettleFirstCommentAsync(null, S.Status == ScheduledPostStatus.Published ? "post_id_unknown" : "not_published");
            return;
        }

        if (scopes is not null && Platform.FeatureScopes.TryGetValue(PlatformFeatures.Comments, out var needed) && !needed.All(scopes.Contains))
        {
            await SettleFirstCommentAsync(null, ScopeMissing);
            return;
        }

        S.FirstCommentSent = true;
        await WriteAsync();
        try
        {
            var commentId = await Platform.PostCommentAsync(token, mediaId, message, CancellationToken.None);
            await SettleFirstCommentAsync(commentId, commentId is null ? "not_supported" : null);
        }
        catch (Exception e) when (e is PlatformException or HttpRequestException or TaskCanceledException or TimeoutException)
        {
            LogFirstCommentFailed(logger, Id, (e as PlatformException)?.PlatformCode);
            await SettleFirstCommentAsync(null, (e as PlatformException)?.PlatformCode ?? "platform_unreachable");
        }
    }

    /// <summary>A post that will not go live takes its comment with it.</summary>
    private void EndPendingFirstComment()
    {
        if (S.FirstComment?.Status == FirstCommentView.Pending)
        {
            S.FirstComment = new FirstCommentView(FirstCommentView.Failed, null, "post_not_published");
        }
    }

    private async Task SettleFirstCommentAsync(string? commentId, string? error)
    {
        S.FirstComment = commentId is not null
            ? new FirstCommentView(FirstCommentView.Posted, commentId, null)
            : new FirstCommentView(FirstCommentView.Failed, null, error);
        await WriteAsync();
    }

    /// <summary>The reminder wakes the post for its next metrics read, or goes when there is none.</summary>
    private async Task ArmMetricsReminderAsync(DateTimeOffset now)
    {
        if (S.NextMetricsAt is { } next)
        {
            var due = next - now > ReminderPeriod ? next - now : ReminderPeriod;
            await this.RegisterOrUpdateReminder(Reminder, due, due);
        }
        else
        {
            await StopReminderAsync();
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

    private async Task FailAsync(string code, string message, string? platformCode)
    {
        S.Status = ScheduledPostStatus.Failed;
        S.LastError = new PostError(code, message, platformCode);
        EndPendingFirstComment();
        Record(EventTypes.PostFailed);
        await WriteAsync();
        StopTimer();
        await StopReminderAsync();
        await Account.RecordPublishOutcomeAsync(code);
        LogFailed(logger, Id, code, platformCode);
        LayersMetrics.PostOutcome(S.Platform, ScheduledPostStatus.Failed, code);
    }

    private async Task CancelAsync(string reason, DateTimeOffset? at = null)
    {
        S.Status = ScheduledPostStatus.Canceled;
        S.CanceledAt = at ?? time.GetUtcNow();
        EndPendingFirstComment();
        S.CancelReason = reason;
        Record(EventTypes.PostCanceled);
        await WriteAsync();
        StopTimer();
        await StopReminderAsync();
    }

    /// <summary>The post's platform module.</summary>
    private IPlatformClient Platform => platforms.Get(S.Platform);

    private PublishRequest Request(PublishCredentials credentials)
    {
        var mode = Platform.PlatformMode(S.Mode, [.. S.Assets.Select(a => a.Kind)]);
        return new PublishRequest(credentials.PlatformUserId, mode, S.Caption,
            [.. S.Assets.Select(a => new PublishAsset(a.Kind, a.Url, a.MimeType, a.DurationMs))], S.Options);
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

    private void Record(string type) => S.Outbox.Add(EventFactory.Create(time, type, S.OrganizationId!, S.ProjectId, View()));

    /// <summary>
    /// Stores the state (writes never overlap, even with an interleaved cancellation), then hands on events and the
    /// listing row.
    /// </summary>
    private async Task WriteAsync()
    {
        await _writeLock.WaitAsync();
        try
        {
            S.Version++;
            S.ListingPending = true;
            await state.WriteStateAsync();
        }
        finally
        {
            _writeLock.Release();
        }

        await HandOnAsync();
    }

    /// <summary>Events to the event log, the row to the listing; whatever fails is retried on the next tick or activation.</summary>
    private async Task HandOnAsync()
    {
        try
        {
            if (S.Outbox.Count > 0)
            {
                var events = S.Outbox.ToList();
                await EventLog.AppendAsync(GrainFactory, events);
                S.Outbox.RemoveAll(events.Contains);
            }

            if (S.ListingPending)
            {
                await listing.UpsertAsync(View(), S.Version, CancellationToken.None);
                S.ListingPending = false;
            }
        }
        catch (Exception e) when (e is not LayersException)
        {
            LogHandOnDeferred(logger, e, Id);
        }
    }

    private async Task ArmReminderAsync()
    {
        var delay = DueAt - time.GetUtcNow();
        var dueTime = delay > TimerHorizon ? delay - TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(30);
        await this.RegisterOrUpdateReminder(Reminder, dueTime, ReminderPeriod);
    }

    /// <summary>
    /// A grain timer for the last stretch before the due time (ticking first for the read ahead, where the platform
    /// has one), and for following a handed-off post.
    /// </summary>
    private void ArmTimer()
    {
        var following = S.Status == ScheduledPostStatus.Publishing ? Platform.ProcessingPolls
            : S.Status == ScheduledPostStatus.Published && S.AwaitingPublicId ? Platform.PublicIdPolls
            : null;
        if (following is not null)
        {
            // One read at a time, each after the pause the platform's schedule (or the account's limit) asks for.
            var pause = _nextPause ?? following.PauseAfter(_reads);
            _nextPause = null;
            StopTimer();
            _timer = this.RegisterGrainTimer(_ => RunAsync(), new GrainTimerCreationOptions(pause, Timeout.InfiniteTimeSpan) { KeepAlive = true });
            return;
        }

        var delay = DueAt - time.GetUtcNow();
        if (delay > TimerHorizon)
        {
            return;
        }

        StopTimer();
        var firstTick = delay;
        if (S.Status == ScheduledPostStatus.Queued)
        {
            priority.Expect(Id, delay);
            if (_readAheadFor != DueAt && delay > ReadAhead && platforms.Get(S.Platform).ReadsAheadOfPublish(S.Mode))
            {
                firstTick = delay - ReadAhead;
            }
        }

        _timer = this.RegisterGrainTimer(_ => RunAsync(), new GrainTimerCreationOptions(firstTick < TimeSpan.Zero ? TimeSpan.Zero : firstTick, PollInterval) { KeepAlive = true });
    }

    private void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
        priority.Done(Id);
    }

    private async Task StopReminderAsync()
    {
        if (await this.GetReminder(Reminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void EnsureVisible(string organizationId)
    {
        if (!state.RecordExists || S.OrganizationId != organizationId)
        {
            throw LayersException.NotFound("scheduled post");
        }
    }

    private void EnsureQueued()
    {
        if (S.Status != ScheduledPostStatus.Queued)
        {
            throw LayersException.Conflict($"The post is {S.Status}; only queued posts can be changed.");
        }
    }

    public void Dispose() => _writeLock.Dispose();

    private ScheduledPostView View() => new(
        Id, S.ContainerId, S.ProjectId, S.SocialAccountId, S.Platform, S.Mode, S.Status, S.ScheduledFor, S.AttemptedAt,
        S.PublishedAt, S.ExternalId, S.ExternalUrl, S.CanceledAt, S.CancelReason, S.LastError, S.Metrics, S.MetricsUnavailable,
        S.Options, S.FirstComment);

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {ScheduledPostId} handed to {Platform}, {LatenessMs} ms after its due time")]
    private static partial void LogHandOff(ILogger logger, string scheduledPostId, string platform, double latenessMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hand-off of post {ScheduledPostId} not recorded; it stays queued and tries again")]
    private static partial void LogHandOffNotRecorded(ILogger logger, Exception exception, string scheduledPostId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post {ScheduledPostId} failed: {ErrorCode} ({PlatformCode})")]
    private static partial void LogFailed(ILogger logger, string scheduledPostId, string errorCode, string? platformCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Public id of post {ScheduledPostId} not read ({PlatformCode}); reading again later")]
    private static partial void LogPublicIdReadFailed(ILogger logger, string scheduledPostId, string? platformCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "First comment of post {ScheduledPostId} not posted ({PlatformCode}); the post stays published")]
    private static partial void LogFirstCommentFailed(ILogger logger, string scheduledPostId, string? platformCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics of post {ScheduledPostId} not synced ({PlatformCode})")]
    private static partial void LogMetricsFailed(ILogger logger, string scheduledPostId, string? platformCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Events or listing of post {ScheduledPostId} not handed on yet; retrying later")]
    private static partial void LogHandOnDeferred(ILogger logger, Exception exception, string scheduledPostId);
}
