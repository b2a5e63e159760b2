namespace Layers.Media;

/// <summary>What reading a media file found: its type and size, and what its header says of its picture and length.</summary>
public sealed record MediaFacts(string MimeType, long Bytes, long? DurationMs, int? Width, int? Height, double? FrameRate);
