namespace Layers.Media;

/// <summary>The media types the service reads, and how a file's first bytes name them.</summary>
public static class MediaTypes
{
    public const string Mp4 = "video/mp4";
    public const string QuickTime = "video/quicktime";
    public const string WebM = "video/webm";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string WebP = "image/webp";
    public const string Gif = "image/gif";

    /// <summary>The type a file's signature names, or null when it names none of the types above.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && head.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return head.Slice(8, 4).SequenceEqual("qt  "u8) ? QuickTime : Mp4;
        }

        if (head.Length >= 4 && head[..4].SequenceEqual((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return WebM;
        }

        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return Jpeg;
        }

        if (head.Length >= 8 && head[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        return head.Length >= 4 && head[..4].SequenceEqual("GIF8"u8) ? Gif : null;
    }

    /// <summary>The media type without parameters, lower case: <c>Video/MP4; codecs=…</c> is <c>video/mp4</c>.</summary>
    public static string? Normalize(string? contentType) =>
        string.IsNullOrWhiteSpace(contentType) ? null : contentType.Split(';')[0].Trim().ToLowerInvariant();

    public static bool IsVideo(string mimeType) => mimeType.StartsWith("video/", StringComparison.Ordinal);
}
