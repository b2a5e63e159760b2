using System.Globalization;
using Layers.Publishing;

namespace Layers.Media;

/// <summary>
/// One platform's documented limits on media (README "Platforms" cites the pages): which types it takes, and for each
/// kind the largest file, the length, the picture size, the aspect ratio and the frame rate. Only facts that were read
/// are checked; a limit left at its default does not apply.
/// </summary>
public sealed record MediaRules(string Platform, VideoRules Video, ImageRules Image)
{
    /// <summary>Every limit of this platform that <paramref name="asset"/> breaks; an unsupported type is the only problem then.</summary>
    public List<AssetProblem> Check(ContentAsset asset, string path)
    {
        var problems = new List<AssetProblem>();
        void Add(string code, string message) => problems.Add(new AssetProblem(path, code, $"{Platform}: {message}"));

        var type = asset.MimeType;
        var video = asset.Kind == "video";
        var types = video ? Video.Types : Image.Types;
        if (type is not null && !types.Contains(type))
        {
            Add(AssetProblemCodes.MediaTypeNotSupported, $"{type} is not a {asset.Kind} type it takes ({string.Join(", ", types)}).");
            return problems;
        }

        var maxBytes = video ? Video.MaxBytes : Image.MaxBytes;
        if (asset.Bytes > maxBytes)
        {
            Add(AssetProblemCodes.MediaTooLarge, $"the file is {Size(asset.Bytes.Value)}; it takes {asset.Kind}s up to {Size(maxBytes)}.");
        }

        if (video && asset.DurationMs is { } ms && (ms < Video.MinDurationMs || ms > Video.MaxDurationMs))
        {
            Add(AssetProblemCodes.DurationOutOfRange,
                $"the video lasts {Seconds(ms)}; it takes {(Video.MinDurationMs > 0 ? $"{Seconds(Video.MinDurationMs)} to " : "up to ")}{Seconds(Video.MaxDurationMs)}.");
        }

        if (asset is { Width: { } w and > 0, Height: { } h and > 0 })
        {
            var (least, most) = (Math.Min(w, h), Math.Max(w, h));
            var (minSide, maxSide, maxWidth, maxShort, minAspect, maxAspect) = video
                ? (Video.MinSide, Video.MaxSide, Video.MaxWidth, int.MaxValue, Video.MinAspect, Video.MaxAspect)
                : (0, Image.MaxLongSide, int.MaxValue, Image.MaxShortSide, Image.MinAspect, Image.MaxAspect);
            if (least < minSide || most > maxSide || w > maxWidth || least > maxShort)
            {
                Add(AssetProblemCodes.DimensionsOutOfRange, $"the picture is {w}×{h}; {Dimensions(minSide, maxSide, maxWidth, maxShort)}.");
            }

            var aspect = (double)w / h;
            if (aspect < minAspect || aspect > maxAspect)
            {
                Add(AssetProblemCodes.AspectRatioOutOfRange,
                    $"the picture's aspect ratio is {aspect.ToString("0.###", CultureInfo.InvariantCulture)}:1; it takes {minAspect.ToString("0.###", CultureInfo.InvariantCulture)}:1 to {maxAspect.ToString("0.###", CultureInfo.InvariantCulture)}:1.");
            }
        }

        if (video && asset.FrameRate is { } fps && (fps < Video.MinFrameRate || fps > Video.MaxFrameRate))
        {
            Add(AssetProblemCodes.FrameRateOutOfRange,
                $"the video runs at {fps.ToString("0.##", CultureInfo.InvariantCulture)} fps; it takes {Video.MinFrameRate:0} to {Video.MaxFrameRate:0} fps.");
        }

        return problems;
    }

    /// <summary>
    /// The problems of an asset no platform takes (each code once, naming every platform's limit); none when some
    /// platform takes it. What only some platforms refuse is found when scheduling to them.
    /// </summary>
    public static List<AssetProblem> Anywhere(IEnumerable<MediaRules> platforms, ContentAsset asset, string path)
    {
        var each = platforms.Select(p => p.Check(asset, path)).ToList();
        if (each.Count == 0 || each.Any(problems => problems.Count == 0))
        {
            return [];
        }

        return [.. each.SelectMany(p => p).GroupBy(p => p.Code).Select(g => new AssetProblem(path, g.Key, string.Join(" ", g.Select(p => p.Message))))];
    }

    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{(bytes / (double)(1L << 30)).ToString("0.##", CultureInfo.InvariantCulture)} GiB",
        >= 1L << 20 => $"{(bytes / (double)(1L << 20)).ToString("0.##", CultureInfo.InvariantCulture)} MiB",
        _ => $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes",
    };

    private static string Seconds(long ms) => $"{(ms / 1000.0).ToString("0.###", CultureInfo.InvariantCulture)} s";

    private static string Dimensions(int minSide, int maxSide, int maxWidth, int maxShort)
    {
        var parts = new List<string>();
        if (minSide > 0) parts.Add($"each side at least {minSide} px");
        if (maxSide < int.MaxValue) parts.Add($"each side at most {maxSide} px");
        if (maxWidth < int.MaxValue) parts.Add($"at most {maxWidth} px wide");
        if (maxShort < int.MaxValue) parts.Add($"the shorter side at most {maxShort} px");
        return "it takes " + string.Join(", ", parts);
    }
}
