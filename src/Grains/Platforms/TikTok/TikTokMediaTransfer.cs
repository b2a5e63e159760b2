namespace Layers.Platforms.TikTok;

/// <summary>
/// The ways media reach TikTok (<see cref="TikTokOptions.MediaTransfer"/>) and the Media Transfer Guide's chunk rules:
/// chunks of 5 to 64 MB uploaded in order, the last taking the trailing bytes (up to 128 MB), a file under 5 MB in one
/// chunk, at most 1,000 chunks, and <c>total_chunk_count</c> = <c>video_size</c> / <c>chunk_size</c> rounded down.
/// The guide's example counts a megabyte as 2^20 bytes.
/// </summary>
public static class TikTokMediaTransfer
{
    public const string Proxy = "proxy";
    public const string FileUpload = "file_upload";
    public const string Direct = "direct";

    public const long MinChunkBytes = 5L << 20;
    public const long MaxChunkBytes = 64L << 20;
    public const int MaxChunks = 1000;

    public static IReadOnlyList<string> All { get; } = [Proxy, FileUpload, Direct];

    /// <summary>The chunk size and count for a file of <paramref name="size"/> bytes, as close to <paramref name="preferred"/> as the rules allow.</summary>
    public static (long ChunkSize, int Count) Plan(long size, long preferred)
    {
        if (size < MinChunkBytes)
        {
            return (size, 1);
        }

        var chunk = Math.Clamp(preferred, MinChunkBytes, MaxChunkBytes);
        if (size / chunk > MaxChunks)
        {
            chunk = (size + MaxChunks - 1) / MaxChunks;
        }

        return size <= chunk ? (size, 1) : (chunk, (int)(size / chunk));
    }
}
