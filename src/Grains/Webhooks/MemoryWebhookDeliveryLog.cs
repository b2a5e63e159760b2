using Layers.Common;

namespace Layers.Webhooks;

/// <summary>The delivery listing of trial mode: in memory, like everything else there.</summary>
public sealed class MemoryWebhookDeliveryLog : IWebhookDeliveryLog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedList<string, (long Version, WebhookDeliveryView View)>> _byEndpoint = new(StringComparer.Ordinal);

    public Task UpsertAsync(string organizationId, WebhookDeliveryView view, long version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_byEndpoint.TryGetValue(view.EndpointId, out var rows))
            {
                _byEndpoint[view.EndpointId] = rows = new SortedList<string, (long, WebhookDeliveryView)>(StringComparer.Ordinal);
            }

            if (!rows.TryGetValue(view.Id, out var current) || current.Version < version)
            {
                rows[view.Id] = (version, view);
            }
        }

        return Task.CompletedTask;
    }

    public Task<Page<WebhookDeliveryView>> ListAsync(
        string endpointId, string? status, string? afterDeliveryId, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_byEndpoint.TryGetValue(endpointId, out var rows))
            {
                return Task.FromResult(new Page<WebhookDeliveryView>([], null));
            }

            var matches = rows.Values.Reverse()
                .Select(r => r.View)
                .Where(v => afterDeliveryId is null || string.CompareOrdinal(v.Id, afterDeliveryId) < 0)
                .Where(v => status is null || v.Status == status)
                .Take(limit + 1)
                .ToList();
            return Task.FromResult(matches.Count > limit
                ? new Page<WebhookDeliveryView>(matches[..limit], matches[limit - 1].Id)
                : new Page<WebhookDeliveryView>(matches, null));
        }
    }
}
