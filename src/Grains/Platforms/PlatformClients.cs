namespace Layers.Platforms;

/// <summary>The registered <see cref="IPlatformClient"/>s by platform name.</summary>
internal sealed class PlatformClients(IEnumerable<IPlatformClient> clients) : IPlatformClients
{
    private readonly Dictionary<string, IPlatformClient> _byName = clients.ToDictionary(c => c.Platform, StringComparer.Ordinal);

    public IReadOnlyList<IPlatformClient> All { get; } = [.. clients];

    public IPlatformClient Get(string platform) =>
        _byName.TryGetValue(platform, out var client)
            ? client
            : throw new ArgumentException($"No platform client for '{platform}'.", nameof(platform));
}
