using Layers.Platforms.Instagram;
using Layers.Platforms.TikTok;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Layers.Platforms;

/// <summary>Registers the TikTok and Instagram clients, their options and their HTTP clients.</summary>
public static class PlatformServiceCollectionExtensions
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Calls one process makes to one platform at a time; more wait their turn in order.</summary>
    private const int ConcurrentCalls = 256;

    /// <summary>Calls that may wait for a turn; beyond it a call is refused unsent (a post is then retried later).</summary>
    private const int WaitingCalls = 100_000;

    public static IServiceCollection AddPlatformClients(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(IPlatformClients)))
        {
            return services;
        }

        var setup = new PlatformOptionsSetup(configuration);
        services.AddOptions<TikTokOptions>().Bind(configuration.GetSection(TikTokOptions.SectionName)).ValidateOnStart();
        services.AddOptions<InstagramOptions>().Bind(configuration.GetSection(InstagramOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<TikTokOptions>>(setup);
        services.AddSingleton<IPostConfigureOptions<InstagramOptions>>(setup);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TikTokOptions>, PlatformOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InstagramOptions>, PlatformOptionsValidator>());

        // HttpClient's own request logging would write URLs, and Graph URLs carry access tokens.
        AddOAuthClient(services, TikTokClient.OAuthHttpClient);
        AddApiClient(services, TikTokClient.ApiHttpClient);
        AddOAuthClient(services, InstagramClient.OAuthHttpClient);
        AddApiClient(services, InstagramClient.ApiHttpClient);

        services.AddSingleton<IPlatformClient, TikTokClient>();
        services.AddSingleton<IPlatformClient, InstagramClient>();
        services.AddSingleton<IPlatformClients, PlatformClients>();
        return services;
    }

    /// <summary>
    /// Token exchanges, refreshes, revocations and publish calls: one attempt, never repeated behind the caller's back.
    /// These too wait for a turn beyond the concurrency (a burst of due posts would otherwise open a connection per
    /// post, until the process runs out of file handles); the timeout counts from the turn, not from the wait.
    /// </summary>
    private static void AddOAuthClient(IServiceCollection services, string name) =>
        services.AddHttpClient(name, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddResilienceHandler("one-attempt", pipeline => pipeline
                .AddConcurrencyLimiter(ConcurrentCalls, WaitingCalls)
                .AddTimeout(CallTimeout));

    /// <summary>
    /// Idempotent reads: one quick retry on a transient failure (a network error, a timeout, a 5xx); never on a rate
    /// limit, which only the account's own pacing may answer. There is no circuit breaker: a breaker shared by the
    /// process would let one account's refusals stop every other account's calls. A burst of due posts queues for a
    /// turn instead of being refused.
    /// </summary>
    private static void AddApiClient(IServiceCollection services, string name) =>
        services.AddHttpClient(name, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddResilienceHandler("reads", pipeline => pipeline
                .AddConcurrencyLimiter(ConcurrentCalls, WaitingCalls)
                .AddTimeout(CallTimeout * 3)
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    Delay = TimeSpan.FromMilliseconds(200),
                    ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                })
                .AddTimeout(CallTimeout));

    /// <summary>The standard transient failures (network, timeout, 5xx, 408) less 429, which only pacing may answer.</summary>
    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        HttpClientResiliencePredicates.IsTransient(outcome)
        && outcome is not { Result.StatusCode: System.Net.HttpStatusCode.TooManyRequests };
}
