using Layers.Common;
using Layers.Events;

namespace Layers.Webhooks;

internal sealed class WebhookDirectoryGrain(
    [PersistentState("webhookdirectory", StorageNames.Layers)] IPersistentState<WebhookDirectoryState> state) : Grain, IWebhookDirectoryGrain
{
    /// <summary>Keeps the catalogue bounded: one organization has at most this many endpoints.</summary>
    public const int MaxEndpoints = 100;

    private Dictionary<string, WebhookEndpointSummary> Endpoints => state.State.Endpoints;

    public async Task UpsertAsync(WebhookEndpointSummary summary)
    {
        if (Endpoints.TryGetValue(summary.EndpointId, out var current))
        {
            if (current.Version >= summary.Version)
            {
                return;
            }
        }
        else if (Endpoints.Count >= MaxEndpoints)
        {
            throw LayersException.Conflict($"The organization has {MaxEndpoints} webhook endpoints, the most it can have; delete one first.");
        }

        Endpoints[summary.EndpointId] = summary;
        await state.WriteStateAsync();
    }

    public async Task RemoveAsync(string endpointId)
    {
        if (Endpoints.Remove(endpointId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<WebhookMatch>> RouteAsync(IReadOnlyList<EventRecord> events)
    {
        if (Endpoints.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<WebhookMatch>>([]);
        }

        var matches = new List<WebhookMatch>();
        foreach (var record in events)
        {
            foreach (var endpoint in Endpoints.Values)
            {
                if (endpoint.Status == WebhookEndpointStatus.Active && endpoint.Matches(record))
                {
                    matches.Add(new WebhookMatch(record.Id, endpoint.EndpointId));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<WebhookMatch>>(matches);
    }

    public Task<Page<string>> ListAsync(string? afterEndpointId, int limit)
    {
        var ids = Endpoints.Keys
            .Where(id => afterEndpointId is null || string.CompareOrdinal(id, afterEndpointId) < 0)
            .OrderByDescending(id => id, StringComparer.Ordinal)
            .Take(limit + 1)
            .ToList();
        return Task.FromResult(ids.Count > limit ? new Page<string>(ids[..limit], ids[limit - 1]) : new Page<string>(ids, null));
    }
}
