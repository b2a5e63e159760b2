namespace Layers.Media;

/// <summary><paramref name="length"/> bytes of a synthetic file from <paramref name="start"/>, made as they are read.</summary>
internal sealed class SyntheticMediaStream(SyntheticMediaFile file, long start, long length) : ReadOnlyForwardStream(length)
{
    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, Remaining);
        if (count <= 0)
        {
            return 0;
        }

        file.Read(start + Consumed, buffer[..count]);
        Consumed += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));
}
