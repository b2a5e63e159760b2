using System.Text.Json;
using System.Text.Json.Nodes;
using Layers.Common;
using Layers.Events;
using Layers.Leasing;
using Layers.Organizations;
using Layers.Telemetry;
using Microsoft.Extensions.Logging;

namespace Layers.SocialAccounts;

/// <summary>Leased accounts: assignment from the pool, monthly renewal, release back to the pool.</summary>
internal sealed partial class SocialAccountGrain
{
    /// <summary>Retries handing a released account back to the pool when the first try failed.</summary>
    private const string PoolReturnReminder = "pool-return";

    /// <summary>Why the lease ends, when not by the partner's own release; read by the revoke that follows.</summary>
    private string? _leaseEndReason;

    private ILeasedPoolGrain LeasedPool => GrainFactory.GetGrain<ILeasedPoolGrain>(LeaseKeys.Pool(S.Platform));

    public async Task<SocialAccountView> AssignLeaseAsync(LeaseAssignCommand command)
    {
        if (state.RecordExists)
        {
            return S.Leased && S.LeaseRequestId == command.LeaseRequestId && S.OrganizationId == command.OrganizationId
                ? View()
                : throw LayersException.Conflict("The social account id is taken.");
        }

        var pool = command.Pool;
        S.OrganizationId = command.OrganizationId;
        S.ProjectId = command.ProjectId;
        S.Platform = pool.Platform;
        S.Leased = true;
        S.PlatformUserId = pool.PlatformUserId;
        S.Handle = pool.Handle;
        S.DisplayName = pool.DisplayName;
        S.Scopes = [.. pool.Scopes];
        S.Tokens = pool.Tokens;
        S.Status = SocialAccountStatus.Connected;
        S.ConnectedAt = command.AssignedAt;
        S.AssignedAt = command.AssignedAt;
        S.MonthlyPriceCents = command.MonthlyPriceCents;
        S.LeaseRequestId = command.LeaseRequestId;
        S.PoolAccountId = pool.PoolAccountId;
        S.PaidPeriods = 1;
        S.NextRenewalAt = BillingPeriods.Start(command.AssignedAt, 1);
        S.ViewPending = true;
        await StoreAsync();
        await ScheduleUpkeepAsync();
        await PublishAsync();
        return View();
    }

    public async Task<RevokeResult> ReleaseLeaseAsync(string organizationId, string? reason)
    {
        EnsureVisible(organizationId);
        if (S.Status == SocialAccountStatus.Disconnected)
        {
            throw LayersException.NotFound("social account");
        }

        if (!S.Leased)
        {
            throw LayersException.Conflict("This is a connected account, not a leased one: revoke it with DELETE /v1/social-accounts/{socialAccountId}.");
        }

        S.LeaseReleaseNote = reason;
        return await RevokeAsync(organizationId);
    }

    /// <summary>
    /// Part of the revoke's state change for a leased account: the end reason, no further renewals, and the newest
    /// tokens kept (encrypted for the pool account) until the pool has its account back.
    /// </summary>
    private void PrepareLeaseRelease()
    {
        if (!S.Leased)
        {
            return;
        }

        if (_leaseEndReason is { } reason)
        {
            S.DisconnectedReason = reason;
            _leaseEndReason = null;
        }

        S.NextRenewalAt = null;
        S.RenewalRetryAt = null;
        if (S.PoolAccountId is { } poolAccountId)
        {
            S.PoolReturnCredentials = ProtectForPool(poolAccountId);
            S.PoolReturnPending = true;
        }
    }

    /// <summary>After the revoke is stored: the pool account becomes available again. Retried by reminder when it fails.</summary>
    private async Task CompleteLeaseReleaseAsync()
    {
        if (!S.PoolReturnPending)
        {
            return;
        }

        try
        {
            await LeasedPool.ReturnAsync(S.PoolAccountId!, Id, S.PoolReturnCredentials);
        }
        catch (Exception e) when (e is not LayersException)
        {
            LogPoolReturnDeferred(logger, e, Id);
            await this.RegisterOrUpdateReminder(PoolReturnReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
            return;
        }

        S.PoolReturnPending = false;
        S.PoolReturnCredentials = null;
        await StoreAsync();
    }

    /// <summary>
    /// The lease part of a tick: finishes a pending return to the pool; charges every renewal that is due, each
    /// period once (the wallet applies a charge id once, so a doubled or repeated tick pays nothing twice); an
    /// unpaid renewal is retried daily and releases the account once the grace period has passed.
    /// </summary>
    private async Task RunLeaseUpkeepAsync()
    {
        try
        {
            await RunLeaseUpkeepCoreAsync();
        }
        catch (Exception e)
        {
            // Token upkeep still runs this tick. The activation is dropped so that the next one starts from stored
            // state, whatever this attempt changed in memory; the next tick tries again.
            LogLeaseUpkeepFailed(logger, e, Id);
            DeactivateOnIdle();
        }
    }

    private async Task RunLeaseUpkeepCoreAsync()
    {
        if (S.PoolReturnPending)
        {
            await CompleteLeaseReleaseAsync();
            if (!S.PoolReturnPending && await this.GetReminder(PoolReturnReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }

        if (!S.Leased || S.Status == SocialAccountStatus.Disconnected || S.AssignedAt is not { } assignedAt || S.MonthlyPriceCents is not { } price)
        {
            return;
        }

        var now = time.GetUtcNow();
        while (true)
        {
            var periodStart = BillingPeriods.Start(assignedAt, S.PaidPeriods);
            if (now < periodStart || (S.RenewalRetryAt is { } retryAt && now < retryAt))
            {
                return;
            }

            var charge = new LeaseCharge(
                BillingPeriods.ChargeId(Id, periodStart), Id, periodStart, BillingPeriods.End(assignedAt, S.PaidPeriods), price,
                "Leased account renewal");
            var outcome = await GrainFactory.GetGrain<IOrganizationGrain>(S.OrganizationId!).ChargeLeasesAsync([charge]);
            if (outcome.Paid)
            {
                S.PaidPeriods++;
                S.NextRenewalAt = BillingPeriods.Start(assignedAt, S.PaidPeriods);
                S.RenewalFailures = 0;
                S.RenewalRetryAt = null;
                Record(EventTypes.LeasedAccountRenewed, RenewalData(charge, data =>
                    data["transactionId"] = outcome.TransactionIds[0]));
                await StoreAsync();
                await PublishAsync();
                continue;
            }

            var releaseAt = periodStart + LeaseTerms.RenewalGracePeriod;
            if (now >= releaseAt)
            {
                LogReleasedUnpaid(logger, Id, periodStart);
                LayersMetrics.LeaseRenewalFailed(released: true);
                _leaseEndReason = LeaseTerms.PaymentFailed;
                await RevokeAsync(S.OrganizationId!);
                return;
            }

            // Retries keep to the due time of day: due + 1 day, due + 2 days, … until due + the grace period.
            var attemptsDue = (int)((now - periodStart).Ticks / LeaseTerms.RenewalRetryInterval.Ticks) + 1;
            S.RenewalFailures++;
            S.RenewalRetryAt = periodStart + (LeaseTerms.RenewalRetryInterval * attemptsDue);
            Record(EventTypes.LeasedAccountRenewalFailed, RenewalData(charge, data =>
            {
                data["attempt"] = S.RenewalFailures;
                data["balanceCents"] = outcome.BalanceCents;
                data["nextAttemptAt"] = WireJson.Format(S.RenewalRetryAt.Value);
                data["releaseAt"] = WireJson.Format(releaseAt);
            }));
            await StoreAsync();
            await PublishAsync();
            LogRenewalFailed(logger, Id, periodStart, S.RenewalFailures);
            LayersMetrics.LeaseRenewalFailed(released: false);
            return;
        }
    }

    /// <summary>The account's view plus the period a renewal event is about.</summary>
    private JsonObject RenewalData(LeaseCharge charge, Action<JsonObject> extra)
    {
        var data = JsonSerializer.SerializeToNode(View(), WireJson.Options)!.AsObject();
        data["periodStart"] = WireJson.Format(charge.PeriodStart);
        data["periodEnd"] = WireJson.Format(charge.PeriodEnd);
        data["amountCents"] = charge.AmountCents;
        extra(data);
        return data;
    }

    /// <summary>This account's tokens re-encrypted for the pool account, so the pool keeps the newest rotation.</summary>
    private StoredTokens? ProtectForPool(string poolAccountId)
    {
        if (S.Tokens is not { } tokens || TryDecrypt(tokens.AccessTokenCiphertext, "access") is not { } access)
        {
            return null;
        }

        var refresh = TryDecrypt(tokens.RefreshTokenCiphertext, "refresh");
        return tokens with
        {
            AccessTokenCiphertext = protector.Protect(access, PoolCredentials.Purpose(poolAccountId, "access")),
            RefreshTokenCiphertext = refresh is null ? null : protector.Protect(refresh, PoolCredentials.Purpose(poolAccountId, "refresh")),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Leased account {SocialAccountId} released: renewal due {PeriodStart} unpaid after the grace period")]
    private static partial void LogReleasedUnpaid(ILogger logger, string socialAccountId, DateTimeOffset periodStart);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewal of leased account {SocialAccountId} due {PeriodStart} unpaid (attempt {Attempt}); retrying tomorrow")]
    private static partial void LogRenewalFailed(ILogger logger, string socialAccountId, DateTimeOffset periodStart, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Lease upkeep of {SocialAccountId} failed; retrying on the next tick")]
    private static partial void LogLeaseUpkeepFailed(ILogger logger, Exception exception, string socialAccountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool account of released {SocialAccountId} not handed back yet; retrying by reminder")]
    private static partial void LogPoolReturnDeferred(ILogger logger, Exception exception, string socialAccountId);
}
