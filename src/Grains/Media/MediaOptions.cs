namespace Layers.Media;

/// <summary>How the service reads partners' media (configuration section <c>Layers:Media</c>).</summary>
public sealed class MediaOptions
{
    public const string SectionName = "Layers:Media";

    /// <summary>Whether media may be fetched from private-network and loopback addresses. Default false: only public hosts.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How long a media host may take to answer with headers, and between two reads of the body. Default 15 s.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The largest file the proxy and the uploads carry. Default 4 GiB, TikTok's largest video.</summary>
    public long MaxBytes { get; set; } = 4L << 30;

    /// <summary>How long a media link handed to a platform works, at most. Default 2 h (TikTok gives up a download after one).</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(2);
}
