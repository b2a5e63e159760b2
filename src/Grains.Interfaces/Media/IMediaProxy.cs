namespace Layers.Media;

/// <summary>The media proxy's source side: the asset a link names, opened at its partner URL.</summary>
public interface IMediaProxy
{
    /// <summary>
    /// Opens the asset <paramref name="token"/> names, with the one byte range asked for (null for the whole file).
    /// Throws <see cref="Layers.Common.LayersException"/>: not found for a foreign, altered or expired link or a post no
    /// longer being handed off; unavailable when the source fails; payload too large past the size cap.
    /// </summary>
    Task<MediaDownload> OpenAsync(string token, string? range, bool headOnly, CancellationToken cancellationToken);
}
