using static Layers.Platforms.PlatformJson;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Layers.Publishing;
using Layers.SocialAccounts;

namespace Layers.Platforms.Instagram;

/// <summary>
/// Container parameters as the content publishing reference names them: <c>share_to_feed</c>, <c>cover_url</c> and
/// <c>thumb_offset</c> on reels; <c>collaborators</c> (up to 3 usernames) and <c>location_id</c> on reels, images and
/// carousels. A single feed video is a reel shared to the feed (Instagram has no feed-only video). The first comment
/// goes out with <c>POST /{ig-media-id}/comments</c>, which needs <c>instagram_business_manage_comments</c>.
/// </summary>
internal sealed partial class InstagramClient
{
    private const int MaxCollaborators = 3;

    public OptionsCheck CheckOptions(string mode, IReadOnlyList<PublishAsset> assets, PostOptions? requested, CreatorInfoView? creator)
    {
        var options = requested ?? PostOptions.None;
        var problems = new List<OptionProblem>();
        void Refuse(string field, string message) => problems.Add(new OptionProblem($"options.{field}", message));

        const string NotInstagram = "A TikTok option; Instagram posts do not take it.";
        if (options.PrivacyLevel is not null) Refuse("privacyLevel", NotInstagram);
        if (options.DisableComment is not null) Refuse("disableComment", NotInstagram);
        if (options.DisableDuet is not null) Refuse("disableDuet", NotInstagram);
        if (options.DisableStitch is not null) Refuse("disableStitch", NotInstagram);
        if (options.BrandContentToggle is not null) Refuse("brandContentToggle", NotInstagram);
        if (options.BrandOrganicToggle is not null) Refuse("brandOrganicToggle", NotInstagram);
        if (options.VideoCoverTimestampMs is not null) Refuse("videoCoverTimestampMs", NotInstagram);
        if (options.AutoAddMusic is not null) Refuse("autoAddMusic", NotInstagram);
        if (options.Title is not null) Refuse("title", NotInstagram);

        var video = assets is [{ Kind: "video" }] ? assets[0] : null;
        var reel = video is not null;
        const string ReelsOnly = "For reels (a single video) only.";
        if (options.ShareToFeed is { } share)
        {
            if (!reel) Refuse("shareToFeed", ReelsOnly);
            else if (mode == FeedMode && !share) Refuse("shareToFeed", "A feed video is a reel shared to the feed; use mode reels to keep it off the feed.");
        }

        if (options.CoverUrl is { } cover)
        {
            if (!reel) Refuse("coverUrl", ReelsOnly);
            else if (!Uri.TryCreate(cover, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps || cover.Length > 2048) Refuse("coverUrl", "An absolute https URL of an image.");
        }

        if (options.ThumbOffsetMs is { } offset)
        {
            if (!reel) Refuse("thumbOffsetMs", ReelsOnly);
            else if (offset < 0 || (video!.DurationMs is { } length && offset >= length)) Refuse("thumbOffsetMs", "A time within the video, in milliseconds from its start.");
        }

        if (options.Collaborators is { } collaborators)
        {
            if (collaborators.Count > MaxCollaborators) Refuse("collaborators", $"At most {MaxCollaborators} usernames.");
            for (var i = 0; i < collaborators.Count; i++)
            {
                if (collaborators[i] is not { } name || !Username().IsMatch(name))
                {
                    Refuse($"collaborators[{i}]", "An Instagram username: 1–30 letters, digits, periods and underscores.");
                }
            }
        }

        if (options.LocationId is { } location && !LocationId().IsMatch(location))
        {
            Refuse("locationId", "The numeric id of a location page.");
        }

        var applied = options with { ShareToFeed = reel ? options.ShareToFeed ?? true : null };
        return new OptionsCheck(applied, problems);
    }

    /// <summary>Instagram's options do not depend on the account's settings.</summary>
    public bool OptionsDependOnCreator(string mode) => false;

    public async Task<CreatorInfoView> GetCreatorInfoAsync(string accessToken, string platformUserId, CancellationToken cancellationToken)
    {
        var profile = await GetProfileAsync(accessToken, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"{GraphBase}/{_options.GraphVersion}/{Uri.EscapeDataString(platformUserId)}/content_publishing_limit?fields=quota_usage,config&access_token={Uri.EscapeDataString(accessToken)}");
        var body = await SendAsync(ApiHttpClient, request, "publishing limit read", cancellationToken);
        var limit = body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0
            && data[0].ValueKind == JsonValueKind.Object
                ? data[0]
                : throw Malformed("publishing limit read", "no data");
        var config = limit.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        var windowSeconds = config.ValueKind == JsonValueKind.Object ? Number(config, "quota_duration") ?? 86_400 : 86_400;
        return new CreatorInfoView
        {
            Platform = Platform,
            Username = profile.Handle,
            AccountType = profile.AccountType?.ToUpperInvariant() switch
            {
                "BUSINESS" => "business",
                "MEDIA_CREATOR" or "CREATOR" => "creator",
                { } other => other.ToLowerInvariant(),
                null => null,
            },
            PublishingLimit = new PublishingLimitView(
                (int)(Number(limit, "quota_usage") ?? 0),
                (int)(config.ValueKind == JsonValueKind.Object ? Number(config, "quota_total") ?? 50 : 50),
                (int)(windowSeconds / 3600)),
        };
    }

    public async Task<string?> PostCommentAsync(string accessToken, string externalId, string message, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{GraphBase}/{_options.GraphVersion}/{Uri.EscapeDataString(externalId)}/comments")
        {
            Content = new FormUrlEncodedContent([new("message", message), new("access_token", accessToken)]),
        };
        var body = await SendAsync(OAuthHttpClient, request, "comment creation", cancellationToken);
        return Id(body, "id") is { Length: > 0 } id ? id : throw Malformed("comment creation", "no id");
    }

    /// <summary>The container parameters for a post's options (reel-only ones only on reels).</summary>
    private static IEnumerable<KeyValuePair<string, string>> OptionParameters(PostOptions? options, bool reel)
    {
        if (options is null)
        {
            yield break;
        }

        if (reel)
        {
            if (options.CoverUrl is { } cover) yield return new("cover_url", cover);
            if (options.ThumbOffsetMs is { } offset) yield return new("thumb_offset", offset.ToString(CultureInfo.InvariantCulture));
        }

        if (options.Collaborators is { Count: > 0 } collaborators) yield return new("collaborators", JsonSerializer.Serialize(collaborators));
        if (options.LocationId is { } location) yield return new("location_id", location);
    }

    [GeneratedRegex("^[A-Za-z0-9._]{1,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex Username();

    [GeneratedRegex("^[0-9]{1,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex LocationId();
}
