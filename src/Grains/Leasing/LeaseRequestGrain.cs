using Layers.Common;
using Layers.Events;
using Layers.Organizations;
using Layers.Projects;
using Layers.SocialAccounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Layers.Leasing;

internal sealed partial class LeaseRequestGrain(
    [PersistentState("leaserequest", StorageNames.Layers)] IPersistentState<LeaseRequestState> state,
    [FromKeyedServices(LayersTime.Key)] TimeProvider time,
    ILogger<LeaseRequestGrain> logger) : Grain, ILeaseRequestGrain, IRemindable
{
    /// <summary>Finishes an assignment interrupted half-way and re-hands unsent events, until nothing is left to do.</summary>
    private const string SettleReminder = "settle";

    private LeaseRequestState S => state.State;

    private string Id => this.GetPrimaryKeyString();

    private ILeasedPoolGrain Pool => GrainFactory.GetGrain<ILeasedPoolGrain>(LeaseKeys.Pool(PlatformNames.TikTok));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists && (S.Outbox.Count > 0 || S.ReviewPending))
        {
            await PublishAsync();
        }
    }

    public async Task<LeaseRequestView> SubmitAsync(LeaseRequestDraft draft)
    {
        if (state.RecordExists)
        {
            if (S.OrganizationId != draft.OrganizationId || !IsSameRequest(draft))
            {
                throw new LayersException(ErrorKind.IdempotencyConflict, "A different lease request was already submitted with this requestId.");
            }

            // A replay also finishes a submission interrupted before it was listed.
            await GrainFactory.GetGrain<IProjectGrain>(S.ProjectId).AddLeaseRequestAsync(draft.OrganizationId, Id);
            await SettleAsync(mayHaveReminder: false);
            return View();
        }

        // Listed first: a request that exists is always in its project's catalogue (an orphan id is skipped there).
        await GrainFactory.GetGrain<IProjectGrain>(draft.ProjectId).AddLeaseRequestAsync(draft.OrganizationId, Id);
        S.OrganizationId = draft.OrganizationId;
        S.ProjectId = draft.ProjectId;
        S.Count = draft.Count;
        S.Niche = draft.Niche;
        S.Target = draft.Target;
        S.Note = draft.Note;
        S.Status = LeaseRequestStatus.Requested;
        S.SubmittedAt = time.GetUtcNow();
        S.ReviewPending = true;
        await state.WriteStateAsync();
        await SettleAsync(mayHaveReminder: false);
        return View();
    }

    public Task<LeaseRequestView> GetAsync(string organizationId) =>
        Task.FromResult(IsVisibleTo(organizationId) ? View() : throw LayersException.NotFound("lease request"));

    public Task<LeaseRequestView?> FindAsync(string organizationId) =>
        Task.FromResult(IsVisibleTo(organizationId) ? View() : null);

    public Task<LeaseReviewEntry> ReviewAsync() =>
        Task.FromResult(state.RecordExists ? Entry() : throw LayersException.NotFound("lease request"));

    public async Task<LeaseReviewEntry> AssignAsync(IReadOnlyList<LeasePick> picks)
    {
        EnsureUndecided();
        if (picks.Count < 1 || picks.Count > S.Count)
        {
            throw LayersException.Validation("accounts", $"Assign 1 to {S.Count} accounts (as many as requested, or fewer).");
        }

        if (S.Pending is { } pending)
        {
            if (!pending.Matches(picks))
            {
                throw LayersException.Conflict("Another assignment of this request is under way with other accounts; repeat that one.");
            }
        }
        else
        {
            S.Pending = new PendingAssignment(
                BillingPeriods.Anchor(time.GetUtcNow()),
                [.. picks.Select(p => new PlannedLease(p.PoolAccountId, Ids.New("sa_", time), p.MonthlyPriceCents ?? LeaseTerms.DefaultMonthlyPriceCents))]);
            await state.WriteStateAsync();
            await RegisterSettleReminderAsync();
        }

        await FinishAssignmentAsync();
        return Entry();
    }

    public async Task<LeaseReviewEntry> RejectAsync(string reason)
    {
        EnsureUndecided();
        if (S.Pending is not null)
        {
            throw LayersException.Conflict("An assignment of this request is under way.");
        }

        S.Status = LeaseRequestStatus.Rejected;
        S.RejectionReason = reason;
        S.DecidedAt = time.GetUtcNow();
        Record(EventTypes.LeaseRequestRejected);
        await state.WriteStateAsync();
        await SettleAsync(mayHaveReminder: false);
        LogDecided(logger, Id, S.Status, 0);
        return Entry();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.RecordExists && S.Pending is not null)
        {
            try
            {
                await FinishAssignmentAsync();
            }
            catch (LayersException e)
            {
                // Unpayable or no longer possible: the assignment was abandoned and nothing stays reserved.
                LogAssignmentAbandoned(logger, Id, e.Code);
            }

            return;
        }

        await SettleAsync(mayHaveReminder: true);
    }

    /// <summary>
    /// Reserve → charge → create accounts → decide. Each step is idempotent for this request, so a resumed assignment
    /// repeats the done steps harmlessly and charges each first month once.
    /// </summary>
    private async Task FinishAssignmentAsync()
    {
        var pending = S.Pending!;
        IReadOnlyList<PoolReservation> reservations;
        try
        {
            reservations = await Pool.ReserveAsync(Id, [.. pending.Leases.Select(l => new PoolClaim(l.PoolAccountId, l.SocialAccountId))]);
        }
        catch (LayersException e) when (e.Code is ErrorKind.Conflict or ErrorKind.Validation)
        {
            await AbandonAssignmentAsync();
            throw;
        }

        var charges = pending.Leases.Select(l => new LeaseCharge(
            BillingPeriods.ChargeId(l.SocialAccountId, pending.AssignedAt), l.SocialAccountId,
            BillingPeriods.Start(pending.AssignedAt, 0), BillingPeriods.End(pending.AssignedAt, 0), l.MonthlyPriceCents,
            $"Leased account, first month ({Id})")).ToList();
        var outcome = await GrainFactory.GetGrain<IOrganizationGrain>(S.OrganizationId!).ChargeLeasesAsync(charges);
        if (!outcome.Paid)
        {
            await Pool.ReleaseReservationsAsync(Id);
            await AbandonAssignmentAsync();
            throw LayersException.WithDetails(ErrorKind.InsufficientFunds, "The wallet cannot pay the first month of these accounts; none was assigned.",
                new { balanceCents = outcome.BalanceCents, requiredCents = outcome.RequiredCents });
        }

        var prices = pending.Leases.ToDictionary(l => l.SocialAccountId, l => l.MonthlyPriceCents);
        await Task.WhenAll(reservations.Select(r => GrainFactory.GetGrain<ISocialAccountGrain>(r.SocialAccountId).AssignLeaseAsync(
            new LeaseAssignCommand(S.OrganizationId!, S.ProjectId, Id, r, pending.AssignedAt, prices[r.SocialAccountId]))));

        S.Status = pending.Leases.Count == S.Count ? LeaseRequestStatus.Assigned : LeaseRequestStatus.Partial;
        S.DecidedAt = time.GetUtcNow();
        S.AssignedSocialAccountIds = [.. pending.Leases.Select(l => l.SocialAccountId)];
        S.Pending = null;
        Record(EventTypes.LeaseRequestAssigned);
        await state.WriteStateAsync();
        await SettleAsync(mayHaveReminder: true);
        LogDecided(logger, Id, S.Status, pending.Leases.Count);
    }

    private async Task AbandonAssignmentAsync()
    {
        S.Pending = null;
        await state.WriteStateAsync();
        await SettleAsync(mayHaveReminder: true);
    }

    /// <summary>Publishes, then keeps a reminder exactly while something is left to finish or hand on.</summary>
    private async Task SettleAsync(bool mayHaveReminder)
    {
        await PublishAsync();
        if (S.Pending is not null || S.Outbox.Count > 0 || S.ReviewPending)
        {
            await RegisterSettleReminderAsync();
        }
        else if (mayHaveReminder && await this.GetReminder(SettleReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task RegisterSettleReminderAsync() =>
        await this.RegisterOrUpdateReminder(SettleReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

    private void Record(string type)
    {
        S.Outbox.Add(EventFactory.Create(time, type, S.OrganizationId!, S.ProjectId, View()));
        S.ReviewPending = true;
    }

    /// <summary>Hands recorded events to the event log and the current view to the review listing. Retried later when it fails.</summary>
    private async Task PublishAsync()
    {
        try
        {
            if (S.Outbox.Count > 0)
            {
                await EventLog.AppendAsync(GrainFactory, S.Outbox);
                S.Outbox.Clear();
            }

            if (S.ReviewPending)
            {
                var month = LeaseKeys.Month(S.SubmittedAt);
                await GrainFactory.GetGrain<ILeaseReviewIndexGrain>(LeaseKeys.ReviewIndex(month)).UpsertAsync(Entry());
                S.ReviewPending = false;
            }
        }
        catch (Exception e) when (e is not LayersException)
        {
            LogPublishDeferred(logger, e, Id);
        }
    }

    private void EnsureUndecided()
    {
        if (!state.RecordExists)
        {
            throw LayersException.NotFound("lease request");
        }

        if (S.Status != LeaseRequestStatus.Requested)
        {
            throw LayersException.WithDetails(ErrorKind.Conflict, $"The lease request was already decided ({S.Status}).", new { status = S.Status });
        }
    }

    private bool IsSameRequest(LeaseRequestDraft draft) =>
        S.ProjectId == draft.ProjectId && S.Count == draft.Count && S.Niche.SameAs(draft.Niche) && S.Target == draft.Target && S.Note == draft.Note;

    private bool IsVisibleTo(string organizationId) => state.RecordExists && S.OrganizationId == organizationId;

    private LeaseRequestView View() => new(
        Id, S.ProjectId, S.Status, S.Count, S.Niche, S.Target, S.Note, S.SubmittedAt, S.DecidedAt, [.. S.AssignedSocialAccountIds], S.RejectionReason);

    private LeaseReviewEntry Entry() => new(S.OrganizationId!, View());

    [LoggerMessage(Level = LogLevel.Information, Message = "Lease request {LeaseRequestId} decided: {Status} ({Accounts} accounts)")]
    private static partial void LogDecided(ILogger logger, string leaseRequestId, string status, int accounts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Interrupted assignment of {LeaseRequestId} abandoned ({Code})")]
    private static partial void LogAssignmentAbandoned(ILogger logger, string leaseRequestId, ErrorKind code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Events or review view of {LeaseRequestId} not handed on yet; retrying later")]
    private static partial void LogPublishDeferred(ILogger logger, Exception exception, string leaseRequestId);
}
