namespace Layers.Platforms;

/// <summary>The platform clients by platform name.</summary>
public interface IPlatformClients
{
    /// <summary>The client for <c>tiktok</c> or <c>instagram</c>; throws for any other name.</summary>
    IPlatformClient Get(string platform);

    /// <summary>Every registered platform's client.</summary>
    IReadOnlyList<IPlatformClient> All { get; }
}
