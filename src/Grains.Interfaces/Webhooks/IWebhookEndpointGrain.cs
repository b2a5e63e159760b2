using Orleans.Concurrency;

namespace Layers.Webhooks;

/// <summary>
/// One webhook endpoint (<c>whe_…</c>): URL, event filter, encrypted signing secrets and health. Every partner-facing
/// method names the caller's organization: an endpoint of another organization, or a deleted one, does not exist.
/// </summary>
[Alias("Layers.IWebhookEndpointGrain")]
public interface IWebhookEndpointGrain : IGrainWithStringKey
{
    /// <summary>Creates the endpoint with a new signing secret; Conflict when the organization has too many.</summary>
    [Alias("Create")]
    Task<WebhookEndpointWithSecret> CreateAsync(WebhookEndpointDraft draft);

    [Alias("Get")]
    Task<WebhookEndpointView> GetAsync(string organizationId);

    /// <summary>Applies a partial update; setting <c>active</c> also clears the failure count.</summary>
    [Alias("Update")]
    Task<WebhookEndpointView> UpdateAsync(string organizationId, WebhookEndpointPatch patch);

    /// <summary>Deletes the endpoint: it leaves the directory, its secrets are erased and its pending deliveries stop.</summary>
    [Alias("Delete")]
    Task DeleteAsync(string organizationId);

    /// <summary>A new signing secret; the ones before it keep signing for 24 hours.</summary>
    [Alias("RotateSecret")]
    Task<WebhookEndpointWithSecret> RotateSecretAsync(string organizationId);

    /// <summary>Sends a <c>test.ping</c> event to this endpoint only; Conflict when the endpoint is not active.</summary>
    [Alias("SendTest")]
    Task<WebhookDeliveryView> SendTestAsync(string organizationId);

    /// <summary>NotFound when invisible to the organization, Conflict when the endpoint is not active.</summary>
    [Alias("EnsureDeliverable")]
    Task EnsureDeliverableAsync(string organizationId);

    /// <summary>Signs a payload at <paramref name="timestamp"/> (unix seconds) with every secret still signing.</summary>
    [ReadOnly]
    [Alias("Sign")]
    Task<WebhookSigning> SignAsync(long timestamp, byte[] body);

    /// <summary>Counts consecutive failed attempts; the twentieth pauses the endpoint (<c>auto_paused</c>).</summary>
    [Alias("RecordOutcome")]
    Task RecordOutcomeAsync(bool delivered);
}
