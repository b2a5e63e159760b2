using Layers.Events;

namespace Layers.Webhooks;

/// <summary>
/// The hand-off from the event log to webhooks: each (event, matching endpoint) becomes a stored delivery before
/// the hand-off returns, so an outbox lets go of an event only once every delivery of it exists. Sending happens
/// later in each delivery, never on the caller's path.
/// </summary>
public static class WebhookDispatch
{
    public static async Task HandOffAsync(IGrainFactory grains, IReadOnlyList<EventRecord> events)
    {
        var starts = new List<Task>();
        foreach (var organization in events.GroupBy(e => e.OrganizationId))
        {
            var batch = organization.DistinctBy(e => e.Id).ToList();
            var byId = batch.ToDictionary(e => e.Id, StringComparer.Ordinal);
            var matches = await grains.GetGrain<IWebhookDirectoryGrain>(WebhookIds.DirectoryOf(organization.Key)).RouteAsync(batch);
            foreach (var match in matches)
            {
                starts.Add(grains.GetGrain<IWebhookDeliveryGrain>(WebhookIds.DeliveryFor(match.EventId, match.EndpointId))
                    .StartAsync(new WebhookDeliveryStart(organization.Key, match.EndpointId, byId[match.EventId], null)));
            }
        }

        await Task.WhenAll(starts);
    }
}
