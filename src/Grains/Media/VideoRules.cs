namespace Layers.Media;

/// <summary>A platform's limits on videos; a bound at its type's extreme does not apply.</summary>
public sealed record VideoRules(
    IReadOnlyList<string> Types,
    long MaxBytes,
    long MaxDurationMs,
    long MinDurationMs = 0,
    int MinSide = 0,
    int MaxSide = int.MaxValue,
    int MaxWidth = int.MaxValue,
    double MinAspect = 0,
    double MaxAspect = double.MaxValue,
    double MinFrameRate = 0,
    double MaxFrameRate = double.MaxValue);
