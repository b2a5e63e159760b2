using Layers.Media;
using Layers.Platforms.Instagram;
using Layers.Platforms.TikTok;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Layers.SocialAccounts;
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

        // One line per platform module.
        services.AddPlatformModule<TikTokClient, TikTokOptions>(configuration, PlatformNames.TikTok, TikTokOptions.SectionName, TikTokClient.OAuthHttpClient, TikTokClient.ApiHttpClient);
        services.AddPlatformModule<InstagramClient, InstagramOptions>(configuration, PlatformNames.Instagram, InstagramOptions.SectionName, InstagramClient.OAuthHttpClient, InstagramClient.ApiHttpClient);

        services.AddHttpClient(TikTokClient.UploadHttpClient, http => http.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        services.AddSingleton<IPlatformClients, PlatformClients>();
        services.AddMedia(configuration);
        return services;
    }

    /// <summary>
    /// The media client (guarded connections; sandbox media while a platform runs in sandbox mode), the probe that reads
    /// files, and the proxy's links.
    /// </summary>
    private static void AddMedia(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(MediaOptions.SectionName))
            .Validate(o => o.ReadTimeout > TimeSpan.Zero && o.MaxBytes > 0 && o.LinkLifetime > TimeSpan.Zero,
                "Layers:Media: ReadTimeout, MaxBytes and LinkLifetime must be positive.")
            .ValidateOnStart();
        services.AddHttpClient(MediaFetcher.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(provider => MediaFetcher.CreateHandler(provider.GetRequiredService<IOptions<MediaOptions>>().Value))
            .AddHttpMessageHandler(provider => new SyntheticMediaHandler(
                provider.GetRequiredService<IOptions<TikTokOptions>>().Value.IsSandbox
                || provider.GetRequiredService<IOptions<InstagramOptions>>().Value.IsSandbox));
        services.TryAddSingleton<MediaFetcher>();
        services.TryAddSingleton<MediaProbe>();
        services.TryAddSingleton<MediaLinks>();
        services.TryAddSingleton<IMediaProxy, MediaProxy>();
    }

    /// <summary>
    /// Registers one platform module: its options (bound from <paramref name="section"/>, pointed at the simulator when
    /// no credentials are configured, validated at start), its two HTTP clients, and its client.
    /// </summary>
    private static void AddPlatformModule<TClient, TOptions>(
        this IServiceCollection services, IConfiguration configuration, string platform, string section, string oauthHttpClient, string apiHttpClient)
        where TClient : class, IPlatformClient
        where TOptions : class, IPlatformOptions
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<TOptions>>(new PlatformOptionsSetup<TOptions>(configuration, platform));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, PlatformOptionsValidator<TOptions>>());

        // HttpClient's own request logging would write URLs, and Graph URLs carry access tokens.
        AddOAuthClient(services, oauthHttpClient);
        AddApiClient(services, apiHttpClient);
        services.AddSingleton<IPlatformClient, TClient>();
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
