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
    private readonly StateWrites _writes = new(state.WriteStateAsync);

    private SocialAccountState S => state.State;

    /// <summary>Stores the state; hand-offs of posts due together interleave and share writes (<see cref="StateWrites"/>).</summary>
    private Task StoreAsync() => _writes.StoreAsync();

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

    private void Record(string type, object data)
    {
        S.Outbox.Add(EventFactory.Create(time, type, S.OrganizationId!, S.ProjectId, data));
        S.ViewPending = true;
    }

    /// <summary>
    /// Hands recorded events to the event log and the current view to the project, then stores that they were: an
    /// activation reading a state that still showed them pending would hand them on again, and every such activation
    /// after a restart called the project, whose own activation reads all of its accounts (a second or more for 10,000)
    /// while the posts due then waited for their accounts. Retried on the next tick when it fails.
    /// </summary>
    private async Task PublishAsync()
    {
        try
        {
            var handedOn = false;
            if (S.Outbox.Count > 0)
            {
                await EventLog.AppendAsync(GrainFactory, S.Outbox);
                S.Outbox.Clear();
                handedOn = true;
            }

            if (S.ViewPending)
            {
                await GrainFactory.GetGrain<IProjectGrain>(S.ProjectId).UpsertAccountViewAsync(View());
                S.ViewPending = false;
                handedOn = true;
            }

            if (handedOn)
            {
                await StoreAsync();
            }
        }
        catch (Exception e) when (e is not LayersException)
        {
            LogPublishDeferred(logger, e, Id);
        }
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Platform did not revoke the token of {SocialAccountId} ({PlatformCode})")]
    private static partial void LogPlatformRevokeFailed(ILogger logger, string socialAccountId, string? platformCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Events or catalogue view of {SocialAccountId} not handed on yet; retrying on the next tick")]
    private static partial void LogPublishDeferred(ILogger logger, Exception exception, string socialAccountId);
}
