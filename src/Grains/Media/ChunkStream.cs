namespace Layers.Media;

/// <summary>The next <paramref name="length"/> bytes of a stream that stays open for the chunks after it.</summary>
public sealed class ChunkStream(Stream inner, long length) : ReadOnlyForwardStream(length)
{
    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, Remaining)]);
        Consumed += read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Remaining <= 0)
        {
            return 0;
        }

        var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, Remaining)], cancellationToken);
        Consumed += read;
        return read;
    }

    /// <summary>The inner stream belongs to the caller: it is not closed with the chunk.</summary>
    protected override void Dispose(bool disposing) => base.Dispose(disposing);
}
