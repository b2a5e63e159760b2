using Layers.Common;
using Layers.Events;
using Orleans.Concurrency;

namespace Layers.Webhooks;

/// <summary>
/// An organization's webhook endpoints (<c>whdir_&lt;orgId&gt;</c>, at most <c>100</c>): which ones exist and which
/// events each one takes. Routing is read-only, so hand-offs from many grains run side by side.
/// </summary>
[Alias("Layers.IWebhookDirectoryGrain")]
public interface IWebhookDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Adds or updates an endpoint (an older version never overwrites a newer one); Conflict when full.</summary>
    [Alias("Upsert")]
    Task UpsertAsync(WebhookEndpointSummary summary);

    [Alias("Remove")]
    Task RemoveAsync(string endpointId);

    /// <summary>Every (event, active endpoint) pair whose filter matches.</summary>
    [ReadOnly]
    [Alias("Route")]
    Task<IReadOnlyList<WebhookMatch>> RouteAsync(IReadOnlyList<EventRecord> events);

    /// <summary>Endpoint ids newest first, after <paramref name="afterEndpointId"/>; the next cursor is the last id.</summary>
    [ReadOnly]
    [Alias("List")]
    Task<Page<string>> ListAsync(string? afterEndpointId, int limit);
}
