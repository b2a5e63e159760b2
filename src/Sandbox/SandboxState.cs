using Layers.Common;
using Layers.SocialAccounts;

namespace Layers.Sandbox;

/// <summary>
/// Everything the simulators remember, per platform. Held in memory by one singleton: the sandbox is for trials and
/// tests, and a restart forgets its tokens just as it forgets trial-mode grain state.
/// </summary>
public sealed class SandboxState([FromKeyedServices(LayersTime.Key)] TimeProvider time)
{
    public SandboxPlatformState TikTok { get; } = new(PlatformNames.TikTok, time, SandboxIdentity.TikTokOpenId);

    public SandboxPlatformState Instagram { get; } = new(PlatformNames.Instagram, time, SandboxIdentity.InstagramUserId);

    public SandboxPlatformState For(string platform) => platform switch
    {
        PlatformNames.TikTok => TikTok,
        PlatformNames.Instagram => Instagram,
        _ => throw new ArgumentException($"No sandbox for '{platform}'.", nameof(platform)),
    };
}
