using System.Collections.Concurrent;
using Layers.Common;
using Layers.SocialAccounts;

namespace Layers.Sandbox;

/// <summary>
/// Everything the simulators remember, per platform. Held in memory by one singleton: the sandbox is for trials and
/// tests, and a restart forgets its tokens just as it forgets trial-mode grain state.
/// </summary>
public sealed class SandboxState([FromKeyedServices(LayersTime.Key)] TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SandboxPlatformState> _platforms = new(StringComparer.Ordinal);

    public SandboxPlatformState TikTok => For(PlatformNames.TikTok);

    public SandboxPlatformState Instagram => For(PlatformNames.Instagram);

    /// <summary>The simulator state of <paramref name="platform"/>, one of those <see cref="SandboxApi"/> maps.</summary>
    public SandboxPlatformState For(string platform) =>
        _platforms.GetOrAdd(platform, p => new SandboxPlatformState(p, time, SandboxApi.PlatformUserIds(p)));
}
