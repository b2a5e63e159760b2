using Layers.Platforms;
using Layers.Sandbox.Instagram;
using Layers.Sandbox.TikTok;
using Layers.SocialAccounts;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Layers.Sandbox;

/// <summary>
/// The sandbox platforms (API.md §8): simulators of TikTok and Instagram that speak the platforms' own HTTP
/// protocol, so the real platform clients run end to end without real accounts. Each is mapped only while its
/// platform runs in sandbox mode (no client credentials configured).
/// </summary>
public static class SandboxApi
{
    /// <summary>One line per simulated platform: its name, how it names a handle's user, and what maps its endpoints.</summary>
    private static readonly (string Platform, Func<string, string> UserId, Action<IEndpointRouteBuilder> Map)[] Simulators =
    [
        (PlatformNames.TikTok, SandboxIdentity.TikTokOpenId, routes => { routes.MapTikTokSandbox(); routes.MapTikTokSandboxPublishing(); }),
        (PlatformNames.Instagram, SandboxIdentity.InstagramUserId, routes => { routes.MapInstagramSandbox(); routes.MapInstagramSandboxPublishing(); }),
    ];

    /// <summary>How the simulator of <paramref name="platform"/> names the user behind a handle.</summary>
    internal static Func<string, string> PlatformUserIds(string platform) =>
        Simulators.FirstOrDefault(s => s.Platform == platform).UserId
        ?? throw new ArgumentException($"No sandbox for '{platform}'.", nameof(platform));

    /// <summary>Where the simulated TikTok takes <c>FILE_UPLOAD</c> chunks.</summary>
    public static readonly PathString TikTokUploadPath = SandboxPlatform.TikTok.BasePath + TikTok.TikTokRateLimits.Upload.TrimEnd('/');

    /// <summary>The largest chunk TikTok takes: the last one, up to 128 MB.</summary>
    public const long MaxUploadChunkBytes = 128L << 20;

    public static IServiceCollection AddSandbox(this IServiceCollection services)
    {
        services.TryAddSingleton<SandboxState>();
        services.TryAddSingleton<SandboxMedia>();
        services.AddHttpClient(SandboxMedia.HttpClientName, http => http.Timeout = TimeSpan.FromMinutes(10))
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
            .AddHttpMessageHandler(() => new Layers.Media.SyntheticMediaHandler());
        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.SectionName);
        return services;
    }

    public static IEndpointRouteBuilder MapSandbox(this IEndpointRouteBuilder routes)
    {
        var clients = routes.ServiceProvider.GetService<IPlatformClients>()
            ?? throw new InvalidOperationException("The sandbox needs the platform clients: call AddPlatformClients before MapSandbox.");
        foreach (var (platform, _, map) in Simulators)
        {
            if (clients.Get(platform).IsSandbox)
            {
                map(routes);
            }
        }

        return routes;
    }
}
