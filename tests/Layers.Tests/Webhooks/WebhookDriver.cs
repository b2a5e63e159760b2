using System.Net.Http.Json;
using System.Text.Json;
using Layers.Tests.Infrastructure;
using Layers.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Layers.Tests.Webhooks;

/// <summary>Plays a partner managing webhook endpoints, and drives deliveries' ticks like their reminders would.</summary>
public sealed class WebhookDriver(LayersFactory factory, TestTenant tenant)
{
    public TestTenant Tenant => tenant;

    public async Task<(string Id, string Secret)> CreateEndpointAsync(string url, string[]? events = null, string? projectId = null)
    {
        var body = await tenant.Client.PostJsonAsync("/v1/webhook-endpoints", projectId is null
            ? new { url, events = events ?? ["*"], description = "tests" }
            : new { url, events = events ?? ["*"], description = "tests", projectId });
        return (body.GetProperty("endpoint").GetProperty("id").GetString()!, body.GetProperty("signingSecret").GetString()!);
    }

    public Task<JsonElement> EndpointAsync(string endpointId) => tenant.Client.GetJsonAsync($"/v1/webhook-endpoints/{endpointId}");

    public async Task<JsonElement> PatchAsync(string endpointId, object patch)
    {
        using var response = await tenant.Client.PatchAsJsonAsync($"/v1/webhook-endpoints/{endpointId}", patch);
        var body = await response.Json();
        Assert.True(response.IsSuccessStatusCode, body.GetRawText());
        return body;
    }

    public async Task<List<JsonElement>> DeliveriesAsync(string endpointId, string? status = null)
    {
        var page = await tenant.Client.GetJsonAsync($"/v1/webhook-endpoints/{endpointId}/deliveries?limit=200" + (status is null ? "" : "&status=" + status));
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    public Task<JsonElement> SendTestAsync(string endpointId) => tenant.Client.PostJsonAsync($"/v1/webhook-endpoints/{endpointId}/test", new { });

    public IWebhookDeliveryGrain Delivery(string deliveryId) =>
        factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IWebhookDeliveryGrain>(deliveryId);

    /// <summary>Polls a delivery until <paramref name="done"/> holds, with a deadline.</summary>
    public async Task<WebhookDeliveryView> DeliveryWhenAsync(string deliveryId, Func<WebhookDeliveryView, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var view = await Delivery(deliveryId).GetAsync(tenant.OrganizationId);
            if (done(view))
            {
                return view;
            }

            Assert.True(DateTime.UtcNow < deadline, $"delivery {deliveryId} never got there: {JsonSerializer.Serialize(view)}");
            await Task.Delay(50);
        }
    }
}
