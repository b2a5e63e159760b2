namespace Layers.Media;

/// <summary>
/// An asset being served: the status and headers to answer with, and the body, which the caller copies and then
/// disposes with this. <see cref="IdleTimeout"/> is the longest the source may stall between two reads.
/// </summary>
public sealed class MediaDownload(int status, string contentType, long length, string? contentRange, Stream body, TimeSpan idleTimeout, IDisposable owner)
    : IDisposable
{
    public int Status => status;

    public string ContentType => contentType;

    public long Length => length;

    public string? ContentRange => contentRange;

    public Stream Body => body;

    public TimeSpan IdleTimeout => idleTimeout;

    public void Dispose()
    {
        body.Dispose();
        owner.Dispose();
    }
}
