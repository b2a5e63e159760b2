using System.Text.Json;
using Layers.Common;
using Layers.Events;
using Layers.Platforms;
using Layers.Projects;
using Layers.Publishing;
using Layers.Security;
using Layers.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Layers.SocialAccounts;

internal sealed partial class SocialAccountGrain(
    [PersistentState("socialaccount", StorageNames.Layers)] IPersistentState<SocialAccountState> state,
    [FromKeyedServices(LayersTime.Key)] TimeProvider time,
    IPlatformClients platforms,
    IPostReadModel listing,
    IAccountQueueStore queue,
    SecretProtector protector,
    ILogger<SocialAccountGrain> logger) : Grain, ISocialAccountGrain, IRemindable
{
    private const string UpkeepReminder = "upkeep";

    /// <summary>
    /// How soon a tick the reminder missed (its silo died, or the tick failed before rescheduling) comes again. Every
    /// tick moves the reminder to the next piece of upkeep, so a healthy account ticks only when work is due.
    /// </summary>
    private static readonly TimeSpan UpkeepRetryPeriod = TimeSpan.FromMinutes(1);

    /// <summary>The longest an account goes without a tick, whatever is due.</summary>
    private static readonly TimeSpan UpkeepHeartbeat = TimeSpan.FromHours(12);

    private long _changes;
    private long _stored;
    private Task? _storing;

    private SocialAccountState S => state.State;

    /// <summary>
    /// Stores the state. Writes never overlap, and calls that interleave (hand-offs of posts due together) share
    /// them: each returns once a write that began after its change has finished.
    /// </summary>
    private async Task StoreAsync()
    {
        var change = ++_changes;
        while (_stored < change)
        {
            if (_storing is { IsCompleted: false } running)
            {
                await running;
                continue;
            }

            _storing = StoreUpToAsync(_changes);
            await _storing;
        }
    }

    private async Task StoreUpToAsync(long change)
    {
        await state.WriteStateAsync();
        _stored = Math.Max(_stored, change);
    }

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            return;
        }

        await LoadQueueAsync(cancellationToken);
        if (S.Outbox.Count > 0 || S.ViewPending)
        {
            await PublishAsync();
        }
    }

    public async Task<SocialAccountView> ConnectAsync(ConnectCommand command)
    {
        var reconnected = state.RecordExists;
        if (reconnected && (S.Status == SocialAccountStatus.Disconnected || S.OrganizationId != command.OrganizationId || S.ProjectId != command.ProjectId))
        {
            throw LayersException.NotFound("social account");
        }

        var now = time.GetUtcNow();
        if (!reconnected)
        {
            S.OrganizationId = command.OrganizationId;
            S.ProjectId = command.ProjectId;
            S.Platform = command.Platform;
            S.PlatformUserId = command.PlatformUserId;
            S.ConnectedAt = now;
        }

        S.Handle = command.Handle;
        S.DisplayName = command.DisplayName;
        S.AvatarUrl = command.AvatarUrl;
        S.Scopes = [.. command.Scopes];
        S.Tokens = command.Tokens;
        S.Status = SocialAccountStatus.Connected;
        S.LastRefreshError = null;
        S.ConsecutiveRefreshFailures = 0;
        var view = View();
        var data = JsonSerializer.SerializeToNode(view, WireJson.Options)!.AsObject();
        data["reconnected"] = reconnected;
        Record(EventTypes.SocialAccountConnected, data);
        await StoreAsync();
        await ScheduleUpkeepAsync();
        await PublishAsync();
        return view;
    }

    public Task<SocialAccountView> GetAsync(string organizationId)
    {
        EnsureVisible(organizationId);
        return Task.FromResult(View());
    }

    public Task<SocialAccountHealth> GetHealthAsync(string organizationId)
    {
        EnsureVisible(organizationId);
        return Task.FromResult(new SocialAccountHealth(
            Id, S.Status, S.Tokens?.AccessExpiresAt, S.LastRefreshAt, S.LastRefreshError, S.ConsecutiveRefreshFailures,
            _queued.Count, S.LastPublishAt, S.LastPublishError));
    }

    public Task<SocialAccountView> EnsureReconnectableAsync(string organizationId, Guid projectId)
    {
        EnsureVisible(organizationId);
        if (S.ProjectId != projectId || S.Status == SocialAccountStatus.Disconnected)
        {
            throw LayersException.NotFound("social account");
        }

        if (S.Leased)
        {
            throw LayersException.Conflict("Leased accounts are maintained by Layers and cannot be reconnected.");
        }

        return Task.FromResult(View());
    }

    public async Task<RevokeResult> RevokeAsync(string organizationId)
    {
        EnsureVisible(organizationId);
        if (S.Status == SocialAccountStatus.Disconnected)
        {
            throw LayersException.NotFound("social account");
        }

        var accessToken = TryDecrypt(S.Tokens?.AccessTokenCiphertext, "access");
        var now = time.GetUtcNow();
        S.Status = SocialAccountStatus.Disconnected;
        S.DisconnectedAt = now;
        S.DisconnectedReason = S.Leased ? "released_by_partner" : "revoked_by_partner";
        PrepareLeaseRelease();
        S.Tokens = null;
        S.PendingCancellations = [.. _queued];
        _queued.Clear();
        var canceled = S.PendingCancellations.Count;
        Record(EventTypes.SocialAccountRevoked, View());
        await StoreAsync();
        await ForgetQueueAsync();
        await BeginCancellationsAsync(now);
        await CompleteLeaseReleaseAsync();

        // Stored tokens are gone already; telling the platform is a courtesy that may fail without undoing anything.
        var platformRevoked = false;
        if (accessToken is not null && !S.Leased)
        {
            try
            {
                platformRevoked = await platforms.Get(S.Platform).RevokeAsync(accessToken, CancellationToken.None);
            }
            catch (PlatformException e)
            {
                LogPlatformRevokeFailed(logger, Id, e.PlatformCode);
            }
        }

        await PublishAsync();
        return new RevokeResult(Id, S.Status, S.DisconnectedReason, now, canceled, platformRevoked);
    }

    public async Task RunUpkeepAsync()
    {
        if (!state.RecordExists)
        {
            return;
        }

        await RunUpkeepCoreAsync();
        if (state.RecordExists && S.Status != SocialAccountStatus.Disconnected)
        {
            await ScheduleUpkeepAsync();
        }
    }

    private async Task RunUpkeepCoreAsync()
    {
        if (S.Outbox.Count > 0 || S.ViewPending)
        {
            await PublishAsync();
        }

        if (S.PendingCancellations.Count > 0)
        {
            await CancelPendingPostsAsync();
        }

        await RunLeaseUpkeepAsync();
        if (S.Status != SocialAccountStatus.Connected || S.Tokens is not { } tokens)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (tokens.RefreshExpiresAt is { } refreshExpiry && refreshExpiry <= now)
        {
            await RequireReauthAsync("refresh_token_expired");
            return;
        }

        if (now < platforms.Get(S.Platform).RefreshAt(tokens))
        {
            return;
        }

        var accessToken = TryDecrypt(tokens.AccessTokenCiphertext, "access");
        var refreshToken = TryDecrypt(tokens.RefreshTokenCiphertext, "refresh");
        if (accessToken is null)
        {
            await RequireReauthAsync("token_unreadable");
            return;
        }

        PlatformTokenGrant grant;
        try
        {
            grant = await platforms.Get(S.Platform).RefreshAsync(accessToken, refreshToken, CancellationToken.None);
        }
        catch (PlatformAuthException e)
        {
            LayersMetrics.TokenRefreshFailed(S.Platform, e.PlatformCode ?? "auth_refused", refused: true);
            await RequireReauthAsync(e.PlatformCode ?? "auth_refused");
            return;
        }
        catch (PlatformException e)
        {
            S.ConsecutiveRefreshFailures++;
            S.LastRefreshError = e.PlatformCode ?? "platform_error";
            await StoreAsync();
            LogRefreshFailed(logger, Id, S.LastRefreshError, S.ConsecutiveRefreshFailures);
            LayersMetrics.TokenRefreshFailed(S.Platform, S.LastRefreshError, refused: false);
            return;
        }

        S.Tokens = Protect(grant, now, tokens);
        S.LastRefreshAt = now;
        S.LastRefreshError = null;
        S.ConsecutiveRefreshFailures = 0;
        S.ViewPending = true;
        await StoreAsync();
        await PublishAsync();
        LayersMetrics.TokenRefreshed(S.Platform);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => RunUpkeepAsync();

    /// <summary>Encrypts a grant for this account; a grant without a refresh token keeps the stored one.</summary>
    private StoredTokens Protect(PlatformTokenGrant grant, DateTimeOffset now, StoredTokens? previous)
    {
        var hasNewRefresh = !string.IsNullOrEmpty(grant.RefreshToken);
        return new StoredTokens(
            protector.Protect(grant.AccessToken, Purpose("access")),
            now.AddSeconds(grant.ExpiresInSeconds),
            hasNewRefresh ? protector.Protect(grant.RefreshToken!, Purpose("refresh")) : previous?.RefreshTokenCiphertext,
            hasNewRefresh && grant.RefreshExpiresInSeconds is { } refreshLife ? now.AddSeconds(refreshLife) : previous?.RefreshExpiresAt,
            now);
    }

    private async Task RequireReauthAsync(string reason)
    {
        S.ConsecutiveRefreshFailures++;
        S.LastRefreshError = reason;
        if (S.Status == SocialAccountStatus.Connected)
        {
            S.Status = SocialAccountStatus.ReauthRequired;
            Record(EventTypes.SocialAccountNeedsReauth, View());
            LogNeedsReauth(logger, Id, reason);
            LayersMetrics.AccountNeedsReauth(S.Platform, reason);
        }

        await StoreAsync();
        await PublishAsync();
    }

    private void Record(string type, object data)
    {
        S.Outbox.Add(EventFactory.Create(time, type, S.OrganizationId!, S.ProjectId, data));
        S.ViewPending = true;
    }

    /// <summary>Hands recorded events to the event log and the current view to the project. Retried on the next tick when it fails.</summary>
    private async Task PublishAsync()
    {
        try
        {
            if (S.Outbox.Count > 0)
            {
                await EventLog.AppendAsync(GrainFactory, S.Outbox);
                S.Outbox.Clear();
            }

            if (S.ViewPending)
            {
                await GrainFactory.GetGrain<IProjectGrain>(S.ProjectId).UpsertAccountViewAsync(View());
                S.ViewPending = false;
            }
        }
        catch (Exception e) when (e is not LayersException)
        {
            LogPublishDeferred(logger, e, Id);
        }
    }

    /// <summary>Moves the upkeep reminder to the next thing due: a token refresh (or its retry) or a lease renewal (or its retry).</summary>
    private async Task ScheduleUpkeepAsync()
    {
        var now = time.GetUtcNow();
        var due = NextUpkeepAt(now) is { } next ? next - now : UpkeepHeartbeat;
        var dueTime = due < UpkeepRetryPeriod ? UpkeepRetryPeriod : due > UpkeepHeartbeat ? UpkeepHeartbeat : due;
        await this.RegisterOrUpdateReminder(UpkeepReminder, dueTime, UpkeepRetryPeriod);
    }

    private DateTimeOffset? NextUpkeepAt(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        if (S.Status == SocialAccountStatus.Connected && S.Tokens is { } tokens)
        {
            next = platforms.Get(S.Platform).RefreshAt(tokens);
            if (S.ConsecutiveRefreshFailures > 0)
            {
                // A refresh the platform failed (not refused) is retried with a growing pause, at most an hour.
                var retryAt = now + TokenSchedule.RetryDelay(S.ConsecutiveRefreshFailures);
                next = retryAt > next ? retryAt : next;
            }

            if (tokens.RefreshExpiresAt is { } refreshExpiry && refreshExpiry < next)
            {
                next = refreshExpiry;
            }
        }

        if (S.Leased && S.Status != SocialAccountStatus.Disconnected && (S.RenewalRetryAt ?? S.NextRenewalAt) is { } renewal && (next is null || renewal < next))
        {
            next = renewal;
        }

        return next;
    }

    private async Task UnregisterUpkeepAsync()
    {
        if (await this.GetReminder(UpkeepReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private string? TryDecrypt(string? ciphertext, string kind)
    {
        if (ciphertext is null)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(ciphertext, Purpose(kind));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            LogTokenUnreadable(logger, Id, kind);
            return null;
        }
    }

    internal static string TokenPurpose(string socialAccountId, string kind) => $"{socialAccountId}:{kind}";

    private string Purpose(string kind) => TokenPurpose(Id, kind);

    private void EnsureVisible(string organizationId)
    {
        if (!state.RecordExists || S.OrganizationId != organizationId)
        {
            throw LayersException.NotFound("social account");
        }
    }

    private SocialAccountView View() => new(
        Id, S.ProjectId, S.Platform, S.Leased, S.Handle, S.DisplayName, S.AvatarUrl, S.PlatformUserId, S.Status, S.Scopes,
        S.ConnectedAt, S.Tokens?.AccessExpiresAt, S.DisconnectedAt, S.DisconnectedReason, S.AssignedAt, S.NextRenewalAt,
        S.MonthlyPriceCents, S.LeaseRequestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {SocialAccountId} needs re-authorization ({Reason})")]
    private static partial void LogNeedsReauth(ILogger logger, string socialAccountId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token refresh of {SocialAccountId} failed ({Error}), {Failures} in a row; retrying later")]
    private static partial void LogRefreshFailed(ILogger logger, string socialAccountId, string error, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Platform did not revoke the token of {SocialAccountId} ({PlatformCode})")]
    private static partial void LogPlatformRevokeFailed(ILogger logger, string socialAccountId, string? platformCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Events or catalogue view of {SocialAccountId} not handed on yet; retrying on the next tick")]
    private static partial void LogPublishDeferred(ILogger logger, Exception exception, string socialAccountId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stored {Kind} token of {SocialAccountId} cannot be decrypted with the configured keys")]
    private static partial void LogTokenUnreadable(ILogger logger, string socialAccountId, string kind);
}
