namespace Layers.Media;

/// <summary>A platform's limits on images; a bound at its type's extreme does not apply.</summary>
public sealed record ImageRules(
    IReadOnlyList<string> Types,
    long MaxBytes,
    int MaxLongSide = int.MaxValue,
    int MaxShortSide = int.MaxValue,
    double MinAspect = 0,
    double MaxAspect = double.MaxValue);
