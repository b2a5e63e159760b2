using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Layers.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Options, the address policy, the sender and its HTTP client, and the in-memory delivery listing unless a durable
    /// one is registered first. In trial mode loopback endpoints are allowed, so partners can try a local receiver.
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, bool trialMode)
    {
        if (services.Any(d => d.ServiceType == typeof(WebhookSender)))
        {
            return services;
        }

        services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.SectionName)
            .PostConfigure(options => options.AllowLoopback |= trialMode)
            .Validate(options => options.WakeUpPeriod >= TimeSpan.FromSeconds(1), "Layers:Webhooks:WakeUpPeriod must be at least one second.")
            .ValidateOnStart();
        services.TryAddSingleton<WebhookAddressPolicy>();
        services.TryAddSingleton<IWebhookAddressCheck>(provider => provider.GetRequiredService<WebhookAddressPolicy>());
        services.TryAddSingleton<WebhookSender>();
        services.TryAddSingleton<IWebhookDeliveryLog, MemoryWebhookDeliveryLog>();

        // No request logging: webhook URLs may carry the partner's own credentials.
        services.AddHttpClient(WebhookSender.HttpClientName, http => http.Timeout = WebhookSender.Timeout)
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<WebhookAddressPolicy>().CreateHandler())
            .RemoveAllLoggers();
        return services;
    }
}
