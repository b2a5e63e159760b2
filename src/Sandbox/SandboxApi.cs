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
    /// <summary>One line per simulated platform: its name and what maps its endpoints.</summary>
    private static readonly (string Platform, Action<IEndpointRouteBuilder> Map)[] Simulators =
    [
        (PlatformNames.TikTok, routes => { routes.MapTikTokSandbox(); routes.MapTikTokSandboxPublishing(); }),
        (PlatformNames.Instagram, routes => { routes.MapInstagramSandbox(); routes.MapInstagramSandboxPublishing(); }),
    ];

    public static IServiceCollection AddSandbox(this IServiceCollection services)
    {
        services.TryAddSingleton<SandboxState>();
        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.SectionName);
        return services;
    }

    public static IEndpointRouteBuilder MapSandbox(this IEndpointRouteBuilder routes)
    {
        var clients = routes.ServiceProvider.GetService<IPlatformClients>()
            ?? throw new InvalidOperationException("The sandbox needs the platform clients: call AddPlatformClients before MapSandbox.");
        foreach (var (platform, map) in Simulators)
        {
            if (clients.Get(platform).IsSandbox)
            {
                map(routes);
            }
        }

        return routes;
    }
}
