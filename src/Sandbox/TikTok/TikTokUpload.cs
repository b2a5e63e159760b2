using System.Buffers;
using Layers.Media;

namespace Layers.Sandbox.TikTok;

/// <summary>
/// A <c>FILE_UPLOAD</c> in progress: the sizes the init declared, the bytes received so far (chunks must come in order,
/// each as long as declared), and the file's first and last bytes, where its header lies. Its <see cref="Checked"/>
/// completes with TikTok's <c>fail_reason</c> (null when the video passes) once the last chunk is in.
/// </summary>
internal sealed class TikTokUpload(long size, long chunkSize, int count, DateTimeOffset expiresAt, int? creatorMaxSeconds)
{
    private const int KeptBytes = 1 << 20;

    private readonly ArrayBufferWriter<byte> _head = new();
    private readonly ArrayBufferWriter<byte> _tail = new();

    public Lock Lock { get; } = new();

    public long Size => size;

    public int Count => count;

    public DateTimeOffset ExpiresAt => expiresAt;

    public long Received { get; private set; }

    public int Chunks { get; private set; }

    public SandboxMediaCheck Checked { get; } = new();

    /// <summary>The byte range the next chunk must carry.</summary>
    public (long First, long Last) Next()
    {
        var first = Chunks * chunkSize;
        return (first, Chunks == count - 1 ? size - 1 : first + chunkSize - 1);
    }

    /// <summary>Keeps what of a chunk's bytes falls in the first or the last megabyte.</summary>
    public void Keep(ReadOnlySpan<byte> bytes, long at)
    {
        if (at < KeptBytes)
        {
            _head.Write(bytes[..(int)Math.Min(bytes.Length, KeptBytes - at)]);
        }

        var tailStart = Math.Max(KeptBytes, size - KeptBytes);
        if (at + bytes.Length > tailStart)
        {
            var from = (int)Math.Max(0, tailStart - at);
            _tail.Write(bytes[from..]);
        }
    }

    /// <summary>A chunk fully received: the upload moves on, and after the last one the video is checked.</summary>
    public void Accept(long length)
    {
        Received += length;
        Chunks++;
        if (Chunks == count)
        {
            Checked.Complete(TikTokMediaRules.VideoFailure(Facts(), "unreadable", creatorMaxSeconds));
        }
    }

    /// <summary>The video's facts from its header, wherever the movie box lies; null when the bytes are no video TikTok reads.</summary>
    private MediaFacts? Facts()
    {
        var head = _head.WrittenSpan.ToArray();
        var type = MediaTypes.Sniff(head);
        if (type is not (MediaTypes.Mp4 or MediaTypes.QuickTime))
        {
            return type is null ? null : new MediaFacts(type, size, null, null, null, null);
        }

        var tail = _tail.WrittenSpan.ToArray();
        var tailOffset = size - tail.Length;
        var boxes = Mp4Header.TopLevel(head, 0, 0, size);
        while (boxes.Count > 0 && boxes[^1].Type != "moov" && boxes[^1].Offset + boxes[^1].Size >= tailOffset && boxes[^1].Offset + boxes[^1].Size < size)
        {
            boxes = Mp4Header.TopLevel(tail, tailOffset, boxes[^1].Offset + boxes[^1].Size, size);
        }

        if (boxes.Count == 0 || boxes[^1].Type != "moov")
        {
            return null;
        }

        var moov = boxes[^1];
        var (window, offset) = moov.Offset + moov.Size <= head.Length ? (head, 0L) : (tail, tailOffset);
        if (moov.Offset < offset || moov.Offset + moov.Size > offset + window.Length)
        {
            return null;
        }

        var movie = Mp4Header.ReadMovie(window.AsSpan((int)(moov.Offset - offset), (int)moov.Size));
        return movie is var (durationMs, width, height, frameRate) ? new MediaFacts(type, size, durationMs, width, height, frameRate) : null;
    }
}
