using Layers.Common;
using Layers.Events;
using Layers.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Layers.Webhooks;

internal sealed partial class WebhookEndpointGrain(
    [PersistentState("webhookendpoint", StorageNames.Layers)] IPersistentState<WebhookEndpointState> state,
    [FromKeyedServices(LayersTime.Key)] TimeProvider time,
    SecretProtector protector,
    ILogger<WebhookEndpointGrain> logger) : Grain, IWebhookEndpointGrain
{
    /// <summary>Consecutive failed attempts that pause an endpoint.</summary>
    public const int AutoPauseThreshold = 20;

    /// <summary>How long secrets replaced by a rotation keep signing.</summary>
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    /// <summary>Rotating again within the overlap keeps at most this many secrets signing; the oldest go first.</summary>
    private const int MaxSecrets = 3;

    private readonly Dictionary<string, string> _plaintexts = new(StringComparer.Ordinal);
    private bool _directoryCurrent;

    private WebhookEndpointState S => state.State;

    private string Id => this.GetPrimaryKeyString();

    private bool Exists => state.RecordExists && S.DeletedAt is null;

    private IWebhookDirectoryGrain Directory => GrainFactory.GetGrain<IWebhookDirectoryGrain>(WebhookIds.DirectoryOf(S.OrganizationId!));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A change whose directory update was cut short (the process died in between) is passed on now.
        if (Exists)
        {
            await SyncDirectoryAsync(throwOnFailure: false);
        }
        else if (state.RecordExists && S.OrganizationId is not null)
        {
            try
            {
                await Directory.RemoveAsync(Id);
            }
            catch (Exception e) when (e is not LayersException)
            {
                LogDirectoryDeferred(logger, e, Id);
            }
        }
    }

    public async Task<WebhookEndpointWithSecret> CreateAsync(WebhookEndpointDraft draft)
    {
        if (state.RecordExists)
        {
            throw LayersException.Conflict($"A webhook endpoint {Id} exists already.");
        }

        var now = time.GetUtcNow();
        S.OrganizationId = draft.OrganizationId;
        S.Url = draft.Url;
        S.Events = [.. draft.Events];
        S.Description = draft.Description;
        S.ProjectId = draft.ProjectId;
        S.Status = WebhookEndpointStatus.Active;
        S.CreatedAt = now;
        S.UpdatedAt = now;
        var secret = WebhookSecrets.New();
        S.Secrets = [new WebhookSecretState { Ciphertext = protector.Protect(secret, SecretPurpose), CreatedAt = now }];
        S.Version = 1;
        await state.WriteStateAsync();
        try
        {
            await Directory.UpsertAsync(Summary());
        }
        catch (LayersException)
        {
            // The directory is full: the endpoint never existed.
            await state.ClearStateAsync();
            throw;
        }

        _directoryCurrent = true;
        LogCreated(logger, Id, S.OrganizationId);
        return new WebhookEndpointWithSecret(View(), secret);
    }

    public async Task<WebhookEndpointView> GetAsync(string organizationId)
    {
        EnsureVisible(organizationId);
        await SyncDirectoryAsync(throwOnFailure: false);
        return View();
    }

    public async Task<WebhookEndpointView> UpdateAsync(string organizationId, WebhookEndpointPatch patch)
    {
        EnsureVisible(organizationId);
        S.Url = patch.Url ?? S.Url;
        if (patch.Events is not null)
        {
            S.Events = [.. patch.Events];
        }

        if (patch.ClearDescription)
        {
            S.Description = null;
        }
        else if (patch.Description is not null)
        {
            S.Description = patch.Description;
        }

        if (patch.Status == WebhookEndpointStatus.Active)
        {
            S.Status = WebhookEndpointStatus.Active;
            S.ConsecutiveFailures = 0;
        }
        else if (patch.Status == WebhookEndpointStatus.Paused)
        {
            S.Status = WebhookEndpointStatus.Paused;
        }

        S.UpdatedAt = time.GetUtcNow();
        await WriteAndSyncAsync();
        return View();
    }

    public async Task DeleteAsync(string organizationId)
    {
        EnsureVisible(organizationId);
        S.DeletedAt = time.GetUtcNow();
        S.Status = WebhookEndpointStatus.Deleted;
        S.Secrets.Clear();
        _plaintexts.Clear();
        S.Version++;
        await state.WriteStateAsync();
        await Directory.RemoveAsync(Id);
        LogDeleted(logger, Id);
    }

    public async Task<WebhookEndpointWithSecret> RotateSecretAsync(string organizationId)
    {
        EnsureVisible(organizationId);
        var now = time.GetUtcNow();
        S.Secrets.RemoveAll(s => s.ExpiresAt <= now);
        foreach (var old in S.Secrets)
        {
            if (old.ExpiresAt is null || old.ExpiresAt > now + RotationOverlap)
            {
                old.ExpiresAt = now + RotationOverlap;
            }
        }

        var secret = WebhookSecrets.New();
        S.Secrets.Add(new WebhookSecretState { Ciphertext = protector.Protect(secret, SecretPurpose), CreatedAt = now });
        if (S.Secrets.Count > MaxSecrets)
        {
            S.Secrets.RemoveRange(0, S.Secrets.Count - MaxSecrets);
        }

        S.UpdatedAt = now;
        await state.WriteStateAsync();
        LogRotated(logger, Id);
        return new WebhookEndpointWithSecret(View(), secret);
    }

    public async Task<WebhookDeliveryView> SendTestAsync(string organizationId)
    {
        await EnsureDeliverableAsync(organizationId);
        var ping = EventFactory.Create(time, EventTypes.TestPing, S.OrganizationId!, S.ProjectId, new
        {
            webhookEndpointId = Id,
            message = "A test event sent on request from the API.",
        });
        return await GrainFactory.GetGrain<IWebhookDeliveryGrain>(WebhookIds.DeliveryFor(ping.Id, Id))
            .StartAsync(new WebhookDeliveryStart(S.OrganizationId!, Id, ping, null));
    }

    public Task EnsureDeliverableAsync(string organizationId)
    {
        EnsureVisible(organizationId);
        return S.Status == WebhookEndpointStatus.Active
            ? Task.CompletedTask
            : throw LayersException.Conflict($"The endpoint is {S.Status}; set its status to active to send to it.");
    }

    public Task<WebhookSigning> SignAsync(long timestamp, byte[] body)
    {
        if (!Exists)
        {
            return Task.FromResult(new WebhookSigning(WebhookEndpointStatus.Deleted, "", null));
        }

        if (S.Status != WebhookEndpointStatus.Active)
        {
            return Task.FromResult(new WebhookSigning(S.Status, S.Url, null));
        }

        var now = time.GetUtcNow();
        var signatures = S.Secrets
            .Where(s => s.ExpiresAt is null || s.ExpiresAt > now)
            .OrderByDescending(s => s.CreatedAt)
            .Select(s => WebhookPayload.Sign(Plaintext(s), timestamp, body));
        return Task.FromResult(new WebhookSigning(WebhookEndpointStatus.Active, S.Url, WebhookPayload.SignatureHeader(timestamp, signatures)));
    }

    public async Task RecordOutcomeAsync(bool delivered)
    {
        if (!Exists)
        {
            return;
        }

        if (delivered)
        {
            if (S.ConsecutiveFailures > 0)
            {
                S.ConsecutiveFailures = 0;
                await state.WriteStateAsync();
            }

            return;
        }

        S.ConsecutiveFailures++;
        S.LastFailureAt = time.GetUtcNow();
        if (S.ConsecutiveFailures >= AutoPauseThreshold && S.Status == WebhookEndpointStatus.Active)
        {
            S.Status = WebhookEndpointStatus.AutoPaused;
            S.UpdatedAt = S.LastFailureAt.Value;
            LogAutoPaused(logger, Id, S.ConsecutiveFailures);
            await WriteAndSyncAsync();
            return;
        }

        await state.WriteStateAsync();
    }

    private string SecretPurpose => $"{Id}:signing-secret";

    private string Plaintext(WebhookSecretState secret)
    {
        if (!_plaintexts.TryGetValue(secret.Ciphertext, out var plaintext))
        {
            plaintext = protector.Unprotect(secret.Ciphertext, SecretPurpose);
            _plaintexts[secret.Ciphertext] = plaintext;
        }

        return plaintext;
    }

    private void EnsureVisible(string organizationId)
    {
        if (!Exists || S.OrganizationId != organizationId)
        {
            throw LayersException.NotFound("webhook endpoint");
        }
    }

    private async Task WriteAndSyncAsync()
    {
        S.Version++;
        _directoryCurrent = false;
        await state.WriteStateAsync();
        await SyncDirectoryAsync(throwOnFailure: true);
    }

    private async Task SyncDirectoryAsync(bool throwOnFailure)
    {
        if (_directoryCurrent)
        {
            return;
        }

        try
        {
            await Directory.UpsertAsync(Summary());
            _directoryCurrent = true;
        }
        catch (Exception e) when (!throwOnFailure && e is not LayersException)
        {
            LogDirectoryDeferred(logger, e, Id);
        }
    }

    private WebhookEndpointSummary Summary() => new(Id, S.ProjectId, [.. S.Events], S.Status, S.CreatedAt, S.Version);

    private WebhookEndpointView View()
    {
        var now = time.GetUtcNow();
        var previousExpiry = S.Secrets.Where(s => s.ExpiresAt > now).Select(s => s.ExpiresAt).Max();
        return new WebhookEndpointView(Id, S.Url, [.. S.Events], S.ProjectId, S.Description, S.Status, S.ConsecutiveFailures,
            S.CreatedAt, S.UpdatedAt, previousExpiry);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook endpoint {EndpointId} created for {OrganizationId}")]
    private static partial void LogCreated(ILogger logger, string endpointId, string organizationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook endpoint {EndpointId} deleted")]
    private static partial void LogDeleted(ILogger logger, string endpointId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook endpoint {EndpointId} rotated its signing secret")]
    private static partial void LogRotated(ILogger logger, string endpointId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} paused after {Failures} consecutive failed attempts")]
    private static partial void LogAutoPaused(ILogger logger, string endpointId, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} could not update its directory; retried on its next call")]
    private static partial void LogDirectoryDeferred(ILogger logger, Exception exception, string endpointId);
}
