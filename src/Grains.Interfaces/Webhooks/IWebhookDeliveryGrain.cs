namespace Layers.Webhooks;

/// <summary>
/// One event to one endpoint (<c>whd_…</c>): sent at once, retried after 30 s, 1 min, 5 min, 15 min, 1 h, 6 h and
/// 24 h, then <c>failed</c>. A reminder wakes it after a restart; ticks compare due times with the clock, so a late or
/// doubled tick changes nothing.
/// </summary>
[Alias("Layers.IWebhookDeliveryGrain")]
public interface IWebhookDeliveryGrain : IGrainWithStringKey
{
    /// <summary>Stores the delivery and its wake-up, then returns; sending happens afterwards. Repeating it is a no-op.</summary>
    [Alias("Start")]
    Task<WebhookDeliveryView> StartAsync(WebhookDeliveryStart start);

    [Alias("Get")]
    Task<WebhookDeliveryView> GetAsync(string organizationId);

    /// <summary>A new delivery of the same event to the same endpoint.</summary>
    [Alias("Replay")]
    Task<WebhookDeliveryView> ReplayAsync(string organizationId);

    /// <summary>The tick: sends when an attempt is due.</summary>
    [Alias("Run")]
    Task RunAsync();
}
