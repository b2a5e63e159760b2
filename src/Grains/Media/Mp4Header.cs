using System.Buffers.Binary;

namespace Layers.Media;

/// <summary>
/// Reads an MP4 or QuickTime file's movie header (ISO/IEC 14496-12 boxes): the length from <c>mvhd</c>, the picture
/// size from the video track's <c>tkhd</c>, and the frame rate from its <c>mdhd</c> time scale and <c>stts</c> sample
/// count. The samples themselves are never read.
/// </summary>
public static class Mp4Header
{
    /// <summary>A top-level box: its type and where it lies in the file.</summary>
    public readonly record struct Box(string Type, long Offset, long Size);

    /// <summary>
    /// The top-level boxes whose headers lie in <paramref name="window"/> (file bytes from <paramref name="windowOffset"/>),
    /// starting at the box at <paramref name="start"/>; stops at the first <c>moov</c> or at a box that runs to the file's
    /// end. The last box tells where to read next when no <c>moov</c> was among them.
    /// </summary>
    public static List<Box> TopLevel(ReadOnlySpan<byte> window, long windowOffset, long start, long fileLength)
    {
        var boxes = new List<Box>();
        var offset = start;
        while (offset - windowOffset >= 0 && offset - windowOffset + 8 <= window.Length)
        {
            var at = (int)(offset - windowOffset);
            long size = BinaryPrimitives.ReadUInt32BigEndian(window[at..]);
            var type = System.Text.Encoding.ASCII.GetString(window.Slice(at + 4, 4));
            if (size == 1)
            {
                if (at + 16 > window.Length)
                {
                    break;
                }

                size = (long)BinaryPrimitives.ReadUInt64BigEndian(window[(at + 8)..]);
            }
            else if (size == 0)
            {
                size = fileLength - offset;
            }

            if (size < 8)
            {
                break;
            }

            boxes.Add(new Box(type, offset, size));
            if (type == "moov" || offset + size >= fileLength)
            {
                break;
            }

            offset += size;
        }

        return boxes;
    }

    /// <summary>The movie's facts from a whole <c>moov</c> box (header included); null when it is not one.</summary>
    public static (long? DurationMs, int? Width, int? Height, double? FrameRate)? ReadMovie(ReadOnlySpan<byte> moov)
    {
        if (moov.Length < 8 || !moov.Slice(4, 4).SequenceEqual("moov"u8))
        {
            return null;
        }

        long? durationMs = null;
        int? width = null, height = null;
        double? frameRate = null;
        foreach (var (type, body) in Children(moov[8..]))
        {
            if (type == "mvhd" && TimeScaleAndDuration(body) is var (scale, duration) && scale > 0)
            {
                durationMs = duration * 1000 / scale;
            }
            else if (type == "trak" && width is null && ReadVideoTrack(body) is { } track)
            {
                (width, height, frameRate) = track;
            }
        }

        return (durationMs, width, height, frameRate);
    }

    /// <summary>A video track's picture size and frame rate; null for any other track.</summary>
    private static (int Width, int Height, double? FrameRate)? ReadVideoTrack(ReadOnlySpan<byte> trak)
    {
        int width = 0, height = 0;
        var isVideo = false;
        double? frameRate = null;
        foreach (var (type, body) in Children(trak))
        {
            if (type == "tkhd")
            {
                // Version 1 has 64-bit times: the size sits 12 bytes further. Width and height are 16.16 fixed point.
                var at = body.Length > 0 && body[0] == 1 ? 88 : 76;
                if (body.Length >= at + 8)
                {
                    width = (int)(BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(at)) >> 16);
                    height = (int)(BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(at + 4)) >> 16);
                }
            }
            else if (type == "mdia")
            {
                (isVideo, frameRate) = ReadMedia(body);
            }
        }

        return isVideo || (width > 0 && height > 0) ? (width, height, frameRate) : null;
    }

    private static (bool IsVideo, double? FrameRate) ReadMedia(ReadOnlySpan<byte> mdia)
    {
        long scale = 0, duration = 0, samples = 0;
        var isVideo = false;
        foreach (var (type, body) in Children(mdia))
        {
            if (type == "mdhd" && TimeScaleAndDuration(body) is var (s, d))
            {
                (scale, duration) = (s, d);
            }
            else if (type == "hdlr" && body.Length >= 12)
            {
                isVideo = body.AsSpan(8, 4).SequenceEqual("vide"u8);
            }
            else if (type == "minf")
            {
                foreach (var (inner, stbl) in Children(body))
                {
                    if (inner == "stbl")
                    {
                        samples = SampleCount(stbl);
                    }
                }
            }
        }

        return (isVideo, scale > 0 && duration > 0 && samples > 0 ? Math.Round(samples * (double)scale / duration, 3) : null);
    }

    private static long SampleCount(ReadOnlySpan<byte> stbl)
    {
        foreach (var (type, body) in Children(stbl))
        {
            if (type == "stts" && body.Length >= 8)
            {
                var entries = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(4));
                long count = 0;
                for (var i = 0; i < entries && 8 + (i * 8) + 8 <= body.Length; i++)
                {
                    count += BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(8 + (i * 8)));
                }

                return count;
            }
        }

        return 0;
    }

    /// <summary>
    /// The time scale and duration of an <c>mvhd</c> or <c>mdhd</c> body: after version and flags come two times (32 or
    /// 64 bits by version), then the scale and the duration.
    /// </summary>
    private static (long Scale, long Duration)? TimeScaleAndDuration(ReadOnlySpan<byte> body)
    {
        if (body.Length < 4)
        {
            return null;
        }

        if (body[0] == 1)
        {
            return body.Length >= 32
                ? (BinaryPrimitives.ReadUInt32BigEndian(body[20..]), (long)BinaryPrimitives.ReadUInt64BigEndian(body[24..]))
                : null;
        }

        return body.Length >= 20
            ? (BinaryPrimitives.ReadUInt32BigEndian(body[12..]), BinaryPrimitives.ReadUInt32BigEndian(body[16..]))
            : null;
    }

    /// <summary>The boxes inside a container box's body, as (type, body) pairs; a truncated box ends the list.</summary>
    private static List<(string Type, byte[] Body)> Children(ReadOnlySpan<byte> body)
    {
        var children = new List<(string, byte[])>();
        var at = 0;
        while (at + 8 <= body.Length)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
            var header = 8;
            if (size == 1 && at + 16 <= body.Length)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(body[(at + 8)..]);
                header = 16;
            }
            else if (size == 0)
            {
                size = body.Length - at;
            }

            if (size < header || at + size > body.Length)
            {
                break;
            }

            children.Add((System.Text.Encoding.ASCII.GetString(body.Slice(at + 4, 4)), body.Slice(at + header, (int)size - header).ToArray()));
            at += (int)size;
        }

        return children;
    }
}
