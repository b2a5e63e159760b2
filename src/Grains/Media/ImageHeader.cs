using System.Buffers.Binary;

namespace Layers.Media;

/// <summary>A picture's size from the first bytes of a JPEG (its frame header), PNG (<c>IHDR</c>) or WebP (<c>VP8X</c>, <c>VP8</c> or <c>VP8L</c>) file.</summary>
public static class ImageHeader
{
    public static (int Width, int Height)? Read(string mimeType, ReadOnlySpan<byte> head) => mimeType switch
    {
        MediaTypes.Jpeg => Jpeg(head),
        MediaTypes.Png => head.Length >= 24 && head.Slice(12, 4).SequenceEqual("IHDR"u8)
            ? ((int)BinaryPrimitives.ReadUInt32BigEndian(head[16..]), (int)BinaryPrimitives.ReadUInt32BigEndian(head[20..]))
            : null,
        MediaTypes.WebP => WebP(head),
        _ => null,
    };

    /// <summary>Walks the marker segments to the first start-of-frame (SOF0–SOF15 less DHT, JPG and DAC), which holds the size.</summary>
    private static (int, int)? Jpeg(ReadOnlySpan<byte> head)
    {
        var at = 2;
        while (at + 4 <= head.Length)
        {
            if (head[at] != 0xFF)
            {
                return null;
            }

            var marker = head[at + 1];
            if (marker == 0xFF)
            {
                at++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(head[(at + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return at + 9 <= head.Length
                    ? (BinaryPrimitives.ReadUInt16BigEndian(head[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(head[(at + 5)..]))
                    : null;
            }

            at += 2 + length;
        }

        return null;
    }

    private static (int, int)? WebP(ReadOnlySpan<byte> head)
    {
        if (head.Length < 30)
        {
            return null;
        }

        var chunk = head.Slice(12, 4);
        if (chunk.SequenceEqual("VP8X"u8))
        {
            return (1 + Uint24(head[24..]), 1 + Uint24(head[27..]));
        }

        if (chunk.SequenceEqual("VP8 "u8) && head[23] == 0x9D && head[24] == 0x01 && head[25] == 0x2A)
        {
            return (BinaryPrimitives.ReadUInt16LittleEndian(head[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(head[28..]) & 0x3FFF);
        }

        if (chunk.SequenceEqual("VP8L"u8) && head[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(head[21..]);
            return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        return null;
    }

    private static int Uint24(ReadOnlySpan<byte> b) => b[0] | (b[1] << 8) | (b[2] << 16);
}
