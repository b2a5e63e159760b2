using Layers.Api.Http;
using Layers.Common;
using Layers.Publishing;
using Layers.SocialAccounts;

namespace Layers.Api.Publishing;

/// <summary>What each platform and mode can carry, and the due-time window.</summary>
public static class PublishingRules
{
    public const int MaxAssets = 35;
    public const int MaxCaption = 2200;
    public const int MaxTargets = 50;
    public static readonly TimeSpan PastTolerance = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(365);

    public static ContentDraft ValidateContent(CreateContentRequest body)
    {
        var validator = new Validator();
        var caption = body.Caption;
        validator.Check(caption is null || caption.Length <= MaxCaption, "caption", $"At most {MaxCaption} characters.");
        validator.Check(body.FirstComment is null || body.FirstComment.Length <= MaxCaption, "firstComment", $"At most {MaxCaption} characters.");
        var assets = new List<ContentAsset>();
        if (body.Assets is not { Count: > 0 and <= MaxAssets })
        {
            validator.Add("assets", $"1–{MaxAssets} assets.");
        }
        else
        {
            for (var i = 0; i < body.Assets.Count; i++)
            {
                var asset = body.Assets[i];
                var path = $"assets[{i}]";
                if (asset is null)
                {
                    validator.Add(path, "Required.");
                    continue;
                }

                validator.Check(asset.Kind is "video" or "image", $"{path}.kind", "One of video, image.");
                var urlOk = Uri.TryCreate(asset.Url, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps && asset.Url!.Length <= 2048;
                validator.Check(urlOk, $"{path}.url", "An absolute https URL the platform can fetch.");
                validator.Check(asset.MimeType is null || asset.MimeType.Length <= 100, $"{path}.mimeType", "At most 100 characters.");
                validator.Check(asset.DurationMs is null or > 0 and <= 36_000_000, $"{path}.durationMs", "A positive duration in milliseconds.");
                if (asset.Kind is "video" or "image" && urlOk)
                {
                    assets.Add(new ContentAsset(asset.Kind, asset.Url!, asset.MimeType, asset.DurationMs));
                }
            }
        }

        validator.ThrowIfInvalid();
        return new ContentDraft(caption, body.FirstComment, assets);
    }

    /// <summary>The due time, whole seconds UTC: at most 30 s in the past (then: now), at most 365 days ahead.</summary>
    public static DateTimeOffset DueTime(DateTimeOffset? requested, DateTimeOffset now, Validator validator, string path = "scheduledFor")
    {
        if (requested is not { } at)
        {
            validator.Add(path, "Required: an ISO-8601 timestamp.");
            return now;
        }

        at = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        if (at < now - PastTolerance)
        {
            validator.Add(path, "More than 30 seconds in the past.");
        }
        else if (at > now + Horizon)
        {
            validator.Add(path, "More than 365 days ahead.");
        }

        var nowSeconds = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return at < nowSeconds ? nowSeconds : at;
    }

    public static string ContainerId(string id) => Ids.IsWellFormed(id, "cnt_") ? id : throw LayersException.NotFound("content");

    public static string PostId(string id) => Ids.IsWellFormed(id, "sp_") ? id : throw LayersException.NotFound("scheduled post");
}
