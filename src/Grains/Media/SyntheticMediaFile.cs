using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Layers.Media;

/// <summary>
/// Sandbox media (API.md §8): a URL on a reserved example domain (<c>example.com</c>, <c>example.net</c>,
/// <c>example.org</c>, <c>*.example</c>, <c>*.test</c>) stands for a real file made up on demand. The extension gives
/// the type; <c>?durationMs=&amp;bytes=&amp;width=&amp;height=&amp;fps=</c> give the facts (defaults: a 10 s 1080×1920
/// 30 fps MP4 of 1.5 MB, a 1080×1350 JPEG of 300 KB); <c>?moov=end</c> puts an MP4's movie header after its data. A
/// file named <c>missing.*</c> does not exist. The bytes are a valid header followed by zeros, produced as they are
/// read, so a file of gigabytes costs no memory.
/// </summary>
public sealed class SyntheticMediaFile
{
    public const long DefaultVideoBytes = 1_500_000;
    public const long DefaultImageBytes = 300_000;

    private readonly byte[] _head;
    private readonly byte[] _tail;

    private SyntheticMediaFile(string mimeType, long length, byte[] head, byte[] tail)
    {
        MimeType = mimeType;
        Length = length;
        _head = head;
        _tail = tail;
    }

    /// <summary>The type the host answers with, from the extension.</summary>
    public string MimeType { get; }

    public long Length { get; }

    public static bool IsReservedHost(string host)
    {
        host = host.TrimEnd('.').ToLowerInvariant();
        return host is "example.com" or "example.net" or "example.org"
            || host.EndsWith(".example.com", StringComparison.Ordinal) || host.EndsWith(".example.net", StringComparison.Ordinal)
            || host.EndsWith(".example.org", StringComparison.Ordinal) || host.EndsWith(".example", StringComparison.Ordinal)
            || host.EndsWith(".test", StringComparison.Ordinal);
    }

    /// <summary>The file a sandbox media URL stands for; null when the URL is not one or names a missing file.</summary>
    public static SyntheticMediaFile? For(Uri url)
    {
        if (!IsReservedHost(url.Host))
        {
            return null;
        }

        var name = url.Segments[^1];
        if (name.StartsWith("missing", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        long Number(string key, long fallback) =>
            long.TryParse(query[key], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : fallback;

        var extension = Path.GetExtension(name).ToLowerInvariant();
        var video = extension is ".mp4" or ".m4v" or ".mov" or ".webm" or ".avi" or ".mkv";
        var width = (int)Number("width", 1080);
        var height = (int)Number("height", video ? 1920 : 1350);
        var bytes = Number("bytes", video ? DefaultVideoBytes : DefaultImageBytes);
        switch (extension)
        {
            case ".mp4" or ".m4v" or ".mov":
                var quickTime = extension == ".mov";
                var (head, tail) = Mp4(quickTime, Number("durationMs", 10_000), width, height, (int)Number("fps", 30), bytes,
                    query["moov"] == "end");
                return new SyntheticMediaFile(quickTime ? MediaTypes.QuickTime : MediaTypes.Mp4, Math.Max(bytes, head.Length + tail.Length), head, tail);
            case ".webm":
                return new SyntheticMediaFile(MediaTypes.WebM, Math.Max(bytes, 64), [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01], []);
            case ".jpg" or ".jpeg":
                return new SyntheticMediaFile(MediaTypes.Jpeg, Math.Max(bytes, 64), Jpeg(width, height), [0xFF, 0xD9]);
            case ".png":
                return new SyntheticMediaFile(MediaTypes.Png, Math.Max(bytes, 64), Png(width, height), []);
            case ".webp":
                var webp = WebP(width, height, Math.Max(bytes, 64));
                return new SyntheticMediaFile(MediaTypes.WebP, Math.Max(bytes, 64), webp, []);
            case ".gif":
                return new SyntheticMediaFile(MediaTypes.Gif, Math.Max(bytes, 64), [.. "GIF89a"u8, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8)], []);
            default:
                return new SyntheticMediaFile(extension == ".avi" ? "video/x-msvideo" : "application/octet-stream", Math.Max(bytes, 1), [], []);
        }
    }

    /// <summary>Copies the file's bytes from <paramref name="offset"/> into <paramref name="buffer"/>; returns how many.</summary>
    public int Read(long offset, Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, Math.Max(0, Length - offset));
        var part = buffer[..count];
        part.Clear();
        Overlay(_head, 0, offset, part);
        Overlay(_tail, Length - _tail.Length, offset, part);
        return count;
    }

    private static void Overlay(byte[] bytes, long at, long offset, Span<byte> part)
    {
        var from = Math.Max(at, offset);
        var to = Math.Min(at + bytes.Length, offset + part.Length);
        if (from < to)
        {
            bytes.AsSpan((int)(from - at), (int)(to - from)).CopyTo(part[(int)(from - offset)..]);
        }
    }

    /// <summary>ftyp, moov (mvhd, one video trak: tkhd, mdia with mdhd, hdlr and stts) and the mdat header; or with the movie last.</summary>
    private static (byte[] Head, byte[] Tail) Mp4(bool quickTime, long durationMs, int width, int height, int fps, long bytes, bool moovAtEnd)
    {
        var brand = quickTime ? "qt  "u8.ToArray() : "isom"u8.ToArray();
        var ftyp = Box("ftyp", [.. brand, 0, 0, 2, 0, .. brand, .. "mp42"u8]);
        var samples = Math.Max(1, durationMs * fps / 1000);
        var scale = fps * 1000;
        var mvhd = Box("mvhd", [.. Zeros(12), .. U32(1000), .. U32((uint)durationMs), .. U32(0x00010000), 1, 0, .. Zeros(10), .. Matrix(), .. Zeros(24), .. U32(2)]);
        var tkhd = Box("tkhd", [0, 0, 0, 3, .. Zeros(8), .. U32(1), .. Zeros(4), .. U32((uint)durationMs), .. Zeros(16), .. Matrix(), .. U32((uint)width << 16), .. U32((uint)height << 16)]);
        var mdhd = Box("mdhd", [.. Zeros(12), .. U32((uint)scale), .. U32((uint)(samples * 1000)), 0x55, 0xC4, 0, 0]);
        var hdlr = Box("hdlr", [.. Zeros(8), .. "vide"u8, .. Zeros(12), 0]);
        var stts = Box("stts", [.. Zeros(4), .. U32(1), .. U32((uint)samples), .. U32(1000)]);
        var mdia = Box("mdia", [.. mdhd, .. hdlr, .. Box("minf", Box("stbl", stts))]);
        var moov = Box("moov", [.. mvhd, .. Box("trak", [.. tkhd, .. mdia])]);
        var dataLength = Math.Max(8, bytes - ftyp.Length - moov.Length);
        var mdatHeader = U32((uint)Math.Min(dataLength, uint.MaxValue)).Concat("mdat"u8.ToArray()).ToArray();
        if (dataLength > uint.MaxValue)
        {
            // A large box: size 1, then the 64-bit size after the type.
            mdatHeader = [.. U32(1), .. "mdat"u8, .. U64((ulong)dataLength)];
        }

        return moovAtEnd ? ([.. ftyp, .. mdatHeader], moov) : ([.. ftyp, .. moov, .. mdatHeader], []);
    }

    private static byte[] Jpeg(int width, int height) =>
    [
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width,
        0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
    ];

    private static byte[] Png(int width, int height) =>
        [0x89, .. "PNG"u8, 0x0D, 0x0A, 0x1A, 0x0A, .. U32(13), .. "IHDR"u8, .. U32((uint)width), .. U32((uint)height), 8, 2, 0, 0, 0, .. Zeros(4)];

    private static byte[] WebP(int width, int height, long length)
    {
        var riff = BitConverter.GetBytes((uint)Math.Min(length - 8, uint.MaxValue));
        int w = width - 1, h = height - 1;
        return [.. "RIFF"u8, .. riff, .. "WEBPVP8X"u8, 10, 0, 0, 0, 0, 0, 0, 0, (byte)w, (byte)(w >> 8), (byte)(w >> 16), (byte)h, (byte)(h >> 8), (byte)(h >> 16)];
    }

    private static byte[] Box(string type, byte[] body) => [.. U32((uint)(body.Length + 8)), .. Encoding.ASCII.GetBytes(type), .. body];

    private static byte[] Matrix() => [.. U32(0x00010000), .. Zeros(12), .. U32(0x00010000), .. Zeros(12), .. U32(0x40000000)];

    private static byte[] Zeros(int count) => new byte[count];

    private static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] U64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }
}
