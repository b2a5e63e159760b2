using Layers.Common;
using Layers.Events;
using Layers.Platforms;
using Layers.Security;
using Layers.SocialAccounts;
using Layers.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace Layers.Publishing;

/// <summary>
/// One post to one account. The at-most-once rule: the post records its attempt in the <see cref="IHandOffJournal"/>
/// before it calls the platform and stores <c>publishing</c> with the platform's handle as soon as it has it. A post
/// whose journal shows an attempt its state does not know, or found <c>publishing</c> without a handle, was cut short
/// by a crash: it is failed with <c>PUBLISH_OUTCOME_UNKNOWN</c>, never handed over again.
/// </summary>
internal sealed partial class ScheduledPostGrain(
    [FromKeyedServices(StorageNames.Layers)] IGrainStorage storage,
    [FromKeyedServices(LayersTime.Key)] TimeProvider time,
    IPlatformClients platforms,
    SecretProtector protector,
    IPostReadModel listing,
    IHandOffJournal journal,
    HandOffPriority priority,
    Layers.Media.MediaLinks links,
    IHostApplicationLifetime lifetime,
    ILogger<ScheduledPostGrain> logger) : Grain, IScheduledPostGrain, IRemindable, IIncomingGrainCallFilter
{
    private const string AccountRevoked = "account_revoked";
    private const string ScopeMissing = "scope_missing";
    private const string Reminder = "post";

    /// <summary>A stored event's data when it is the view of the state stored with it (never an event's own data).</summary>
    private const string ViewOfState = "";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    /// <summary>How far from its due time a queued post stays in memory after it is scheduled.</summary>
    private static readonly TimeSpan RestBeyond = TimeSpan.FromHours(1);
    private static readonly TimeSpan TimerHorizon = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The first metrics read after a post is live with its public id (it also confirms the post is visible).</summary>
    private static readonly TimeSpan FirstMetricsRead = TimeSpan.FromMinutes(1);

    /// <summary>How long before its due time a post starts the read its platform call begins with.</summary>
    private static readonly TimeSpan ReadAhead = TimeSpan.FromSeconds(5);

    /// <summary>How far the clocks of two silos may disagree: a post this close to its due time may have been handed off.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private StateWrites? _writes;

    /// <summary>How long the last hand-on took: its events, then its listing row (for the hand-off's debug log).</summary>
    private (TimeSpan Events, TimeSpan Listing) _lastHandOn;
    private DeferredState<ScheduledPostState>? _stored;

    /// <summary>The stored state read and what an earlier activation left settled, once per activation.</summary>
    private Task? _ready;

    /// <summary>The state version of the post's listing row, as the wake-up that brought the post back read it.</summary>
    private long? _listedVersion;
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

    private DeferredState<ScheduledPostState> Stored => _stored ??= new(storage, "scheduledpost", this.GetGrainId(), StoredForm, ReadBack);

    private StateWrites Writes => _writes ??= new(() => Stored.WriteStateAsync());

    private ScheduledPostState S => Stored.State;

    private string Id => this.GetPrimaryKeyString();

    /// <summary>The post's account, resolved once per activation (a reference costs a reflection lookup to make).</summary>
    private ISocialAccountGrain Account => _account ??= GrainFactory.GetGrain<ISocialAccountGrain>(S.SocialAccountId);

    /// <summary>
    /// Platform reads (progress, public id, metrics) end when the service begins to stop: a stopping silo waits for each
    /// grain's running call, and a read is simply made again after the restart. Calls that change something at the
    /// platform (the hand-off, the finalize, a comment) are never cut short.
    /// </summary>
    private CancellationToken Stopping => lifetime.ApplicationStopping;

    /// <summary>
    /// Every call finds the state read first, and what an earlier activation left behind settled (events and listing
    /// handed on, a cut-short hand-off recovered, the timer armed). Scheduling a new post stores it without reading:
    /// the row is not there, and the storage refuses a new record where one is. A wake-up readies the post itself,
    /// with what the listing shows of it.
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var method = context.ImplementationMethod.Name;
        if (method != nameof(WakeAsync) && (_ready is not null || method != nameof(ScheduleAsync)))
        {
            await ReadyAsync();
        }

        await context.Invoke();
    }

    /// <summary>The read made once per activation, shared by calls that interleave; made again after a failure.</summary>
    private Task ReadyAsync()
    {
        if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
        {
            _ready = ReadAndSettleAsync();
        }

        return _ready;
    }

    private async Task ReadAndSettleAsync()
    {
        await Stored.ReadStateAsync();
        await SettleAsync();
    }

    private async Task SettleAsync()
    {
        if (!Stored.RecordExists)
        {
            return;
        }

        if (_listedVersion is { } listed && listed >= S.Version)
        {
            // The listing's row is this state's: it is written only once the state's events were taken, so what the
            // stored state still holds as pending was handed on before. Handing it on again (for every post a
            // restart's wake-up brings back) held up the events and rows of the posts going out meanwhile.
            S.Outbox.Clear();
            S.ListingPending = false;
        }

        await HandOnAsync();
        await RecoverHandOffAsync();
        if (S.FirstComment?.Status == FirstCommentView.Pending && S.FirstCommentSent)
        {
            // The process died while the comment was being sent: it may be there, and is not sent twice.
            await SettleFirstCommentAsync(null, "outcome_unknown");
        }
        if (S.Status == ScheduledPostStatus.Queued || Followed)
        {
            ArmTimer();
        }
    }

    /// <summary>
    /// Woken by the wake-up of due posts (or a starting silo): a queued post near its due time arms its timer (or goes,
    /// when due); a post being handed off goes on following it.
    /// </summary>
    public async Task WakeAsync(long listedVersion)
    {
        if (_ready is null)
        {
            // Brought back by this call: what the listing's row shows handed on is let go as the state is settled.
            _listedVersion = listedVersion;
        }

        await ReadyAsync();
        if (!Stored.RecordExists || Stopping.IsCancellationRequested)
        {
            // A stopping service leaves the post to the wake-up after the restart (or on another silo).
            return;
        }

        if (S.Status == ScheduledPostStatus.Queued)
        {
            await RunAsync();
        }
        else if (Followed && _timer is null)
        {
            ArmTimer();
        }
        else if (S.Status == ScheduledPostStatus.Published && S.NextMetricsAt is { } next && time.GetUtcNow() >= next)
        {
            await SyncMetricsAsync();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        priority.Done(Id);
        return Task.CompletedTask;
    }

    public async Task<ScheduledPostView> ScheduleAsync(PostDraft draft)
    {
        if (_ready is null)
        {
            // This activation's first call: most likely a new post, stored without a read first.
            var create = CreateAsync(draft);
            _ready = create;
            if (await create)
            {
                await HandOnAsync();
                return await QueuedAsync();
            }
        }

        if (Stored.RecordExists)
        {
            if (!draft.Resuming || draft.BatchId is null || draft.BatchId != S.BatchId)
            {
                throw LayersException.Conflict($"A scheduled post {Id} exists already.");
            }

            // The batch finishes a request that was cut short: make sure the post is complete.
            await CompleteSchedulingAsync();
            return View();
        }

        Draft(draft);
        await WriteAsync();
        return await QueuedAsync();
    }

    /// <summary>
    /// Stores a new post without reading first; false when the post exists already (its stored state is then read, and
    /// what an earlier activation left behind settled).
    /// </summary>
    private async Task<bool> CreateAsync(PostDraft draft)
    {
        Draft(draft);
        NextVersion();
        if (await Stored.CreateAsync())
        {
            return true;
        }

        await SettleAsync();
        return false;
    }

    /// <summary>A queued post made from the batch's draft, with its <c>post.scheduled</c> event.</summary>
    private void Draft(PostDraft draft)
    {
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
    }

    /// <summary>What follows storing a new queued post; a conflict when its account was disconnected meanwhile.</summary>
    private async Task<ScheduledPostView> QueuedAsync() =>
        await CompleteSchedulingAsync() ? View() : throw LayersException.Conflict("The social account was disconnected.");

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

        await KeepWakeableAsync();
        ArmTimer();
        RestIfFar();
        return true;
    }

    /// <summary>
    /// A queued post is woken from its listing row (<see cref="IDuePostsGrain"/>). Should that row not have been written
    /// (the listing did not answer), a reminder of its own stands in until the post is handed off.
    /// </summary>
    private async Task KeepWakeableAsync()
    {
        if (S.ListingPending)
        {
            await ArmReminderAsync();
        }
    }

    /// <summary>
    /// A queued post due beyond <see cref="RestBeyond"/> waits as its stored state and its listing row only: it leaves
    /// memory once the call ends, and the wake-up of due posts brings it back before its due time.
    /// </summary>
    private void RestIfFar()
    {
        if (S.Status == ScheduledPostStatus.Queued && DueAt - time.GetUtcNow() > RestBeyond)
        {
            DeactivateOnIdle();
        }
    }

    public async Task TakeBackAsync(string batchId)
    {
        if (Stored.RecordExists && S.BatchId == batchId && S.Status == ScheduledPostStatus.Queued)
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
        await KeepWakeableAsync();
        ArmTimer();
        RestIfFar();
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
        if (!Stored.RecordExists)
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

    /// <summary>
    /// The post's own reminder stands in for its listing row while that row could not be written; once the row is
    /// written the reminder goes, and the wake-up of due posts takes over.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // A tick shows the reminder is there, whatever the state says (it may predate the state's record of it).
        S.HoldsReminder = true;
        await RunAsync();
        if (!NeedsOwnReminder)
        {
            await StopReminderAsync();
        }
    }

    private bool NeedsOwnReminder => Stored.RecordExists && S.ListingPending && S.Status switch
    {
        ScheduledPostStatus.Queued or ScheduledPostStatus.Publishing => true,
        ScheduledPostStatus.Published => FollowUpAt is not null,
        _ => false,
    };

    public async Task RunAsync()
    {
        if (!Stored.RecordExists)
        {
            await StopReminderAsync();
            return;
        }

        if (Stopping.IsCancellationRequested && S.Status != ScheduledPostStatus.Queued)
        {
            // The service is stopping: following a handed-off post (and handing on its events) waits for the restart,
            // whose wake-up brings the post back. On a stopping silo a call to a grain already gone waits out its
            // placement's retries and fails, and the silo's stop waits for every such call.
            return;
        }

        var began = time.GetUtcNow();
        await HandOnAsync();
        var now = time.GetUtcNow();
        switch (S.Status)
        {
            case ScheduledPostStatus.Queued when now >= DueAt:
                try
                {
                    await HandOffAsync(began);
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

    private DateTimeOffset DueAt => S.NextAttemptAt ?? S.ScheduledFor;

    /// <summary>Handed off and followed by the post's own timer: until the platform says how it ended, or names it.</summary>
    private bool Followed => S.Status == ScheduledPostStatus.Publishing || (S.Status == ScheduledPostStatus.Published && S.AwaitingPublicId);

    /// <summary>
    /// When the listing should wake a published post (<see cref="IDuePostsGrain"/>): for its next metrics read, or, while
    /// its platform has not named it, a minute after it went live and at every wake-up after that. Its own timer reads
    /// the public id meanwhile; the wake-up only brings it back should that timer be lost with its activation, and a
    /// post whose timer runs takes the call as a no-op. Null when nothing follows.
    /// </summary>
    private DateTimeOffset? FollowUpAt =>
        S is { Status: ScheduledPostStatus.Published, AwaitingPublicId: true, PublishedAt: { } publishedAt } ? publishedAt + ReminderPeriod
        : S is { Status: ScheduledPostStatus.Published, MetricsUnavailable: null, AwaitingPublicId: false, ExternalId: not null, PublishedAt: not null }
            ? S.NextMetricsAt
            : null;

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
    public Task<string?> MediaSourceAsync(int assetIndex) =>
        Task.FromResult(Stored.RecordExists && S.Status == ScheduledPostStatus.Publishing && assetIndex >= 0 && assetIndex < S.Assets.Count
            ? S.Assets[assetIndex].Url
            : null);

    private IPlatformClient Platform => platforms.Get(S.Platform);

    private void Record(string type) => S.Outbox.Add(EventFactory.Create(time, type, S.OrganizationId!, S.ProjectId, View()));

    /// <summary>
    /// Stores the state (an interleaved cancellation shares or follows the write, see <see cref="StateWrites"/>), then
    /// hands on events and the listing row.
    /// </summary>
    private async Task WriteAsync()
    {
        NextVersion();
        await Writes.StoreAsync();
        await HandOnAsync();
    }

    /// <summary>The state's next version, whose listing row is yet to be written.</summary>
    private void NextVersion()
    {
        S.Version++;
        S.ListingPending = true;
    }

    /// <summary>Events to the event log, the row to the listing; whatever fails is retried on the next tick or activation.</summary>
    private async Task HandOnAsync()
    {
        _lastHandOn = default;
        if (Stopping.IsCancellationRequested)
        {
            // A stopping silo places no grain, and the event log routes each event through its organization's webhook
            // directory: a post finishing as the stop began waited out the placement's retries there (30 s), and the
            // silo's stop waited for it. Both stay pending in the stored state, as when a hand-on fails, and the listing
            // row still shows the post as it was, so the restart's wake-up takes it up and hands them on.
            return;
        }

        try
        {
            var started = Stopwatch.GetTimestamp();
            if (S.Outbox.Count > 0)
            {
                var events = S.Outbox.ToList();
                await EventLog.AppendAsync(GrainFactory, events);
                S.Outbox.RemoveAll(events.Contains);
            }

            var appended = Stopwatch.GetTimestamp();
            if (S.ListingPending)
            {
                await listing.UpsertAsync(View(), S.Version, FollowUpAt, CancellationToken.None);
                S.ListingPending = false;
            }

            _lastHandOn = (Stopwatch.GetElapsedTime(started, appended), Stopwatch.GetElapsedTime(appended));
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
        await RegisterReminderAsync(dueTime, ReminderPeriod);
    }

    /// <summary>Registers the post's own reminder, noting first in its state that it may hold one.</summary>
    private async Task RegisterReminderAsync(TimeSpan dueTime, TimeSpan period)
    {
        S.HoldsReminder = true;
        await this.RegisterOrUpdateReminder(Reminder, dueTime, period);
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

    /// <summary>
    /// Unregisters the post's reminder, when it may hold one: looking one up reads the reminder table, which a post that
    /// never registered one (nearly all of them) skips.
    /// </summary>
    private async Task StopReminderAsync()
    {
        if (!S.HoldsReminder)
        {
            return;
        }

        if (await this.GetReminder(Reminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        S.HoldsReminder = false;
    }

    private void EnsureVisible(string organizationId)
    {
        if (!Stored.RecordExists || S.OrganizationId != organizationId)
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

    private ScheduledPostView View() => View(S);

    private ScheduledPostView View(ScheduledPostState s) => new(
        Id, s.ContainerId, s.ProjectId, s.SocialAccountId, s.Platform, s.Mode, s.Status, s.ScheduledFor, s.AttemptedAt,
        s.PublishedAt, s.ExternalId, s.ExternalUrl, s.CanceledAt, s.CancelReason, s.LastError, s.Metrics, s.MetricsUnavailable,
        s.Options, s.FirstComment);

    /// <summary>
    /// The state as stored. An event waiting to be handed on whose data is the post's view in the very state stored with
    /// it (an event recorded by the write that stores it, as nearly all are) is stored without that data: a queued post's
    /// row holds its <c>post.scheduled</c> event until the post next changes, and the event's copy of the view was half
    /// of the row. Read back (<see cref="ReadBack"/>), the event's data is the view of the state read.
    /// </summary>
    private ScheduledPostState StoredForm(ScheduledPostState state)
    {
        if (state.Outbox.Count == 0)
        {
            return state;
        }

        var view = EventFactory.Data(View(state));
        if (!state.Outbox.Exists(e => e.DataJson == view))
        {
            return state;
        }

        var stored = state.ShallowCopy();
        stored.Outbox = WithData(state.Outbox, view, ViewOfState);
        return stored;
    }

    /// <summary>Gives the events stored without their data (<see cref="StoredForm"/>) the view of the state read.</summary>
    private void ReadBack(ScheduledPostState state)
    {
        if (state.Outbox.Exists(e => e.DataJson == ViewOfState))
        {
            state.Outbox = WithData(state.Outbox, ViewOfState, EventFactory.Data(View(state)));
        }
    }

    /// <summary>The events, those whose data is <paramref name="from"/> given <paramref name="to"/> instead.</summary>
    private static List<EventRecord> WithData(List<EventRecord> events, string from, string to) =>
        [.. events.Select(e => e.DataJson == from ? e with { DataJson = to } : e)];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post {ScheduledPostId} failed: {ErrorCode} ({PlatformCode})")]
    private static partial void LogFailed(ILogger logger, string scheduledPostId, string errorCode, string? platformCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Events or listing of post {ScheduledPostId} not handed on yet; retrying later")]
    private static partial void LogHandOnDeferred(ILogger logger, Exception exception, string scheduledPostId);
}
