namespace Layers.Media;

/// <summary>A media file could not be fetched: the host refused, failed, timed out or is not allowed.</summary>
public sealed class MediaUnreachableException(string message) : Exception(message);
