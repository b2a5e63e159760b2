using Layers.Common;

namespace Layers.Webhooks;

/// <summary>
/// The listing of deliveries per endpoint, written by each delivery after its own state (a read model: the delivery
/// grain stays the source of truth and writes its row again with a higher version whenever it changes).
/// </summary>
public interface IWebhookDeliveryLog
{
    Task UpsertAsync(string organizationId, WebhookDeliveryView view, long version, CancellationToken cancellationToken);

    /// <summary>The endpoint's deliveries, newest id first, optionally of one status, after the keyset cursor.</summary>
    Task<Page<WebhookDeliveryView>> ListAsync(string endpointId, string? status, string? afterDeliveryId, int limit, CancellationToken cancellationToken);
}
