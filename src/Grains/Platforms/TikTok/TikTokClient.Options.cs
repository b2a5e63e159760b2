using static Layers.Platforms.PlatformJson;
using System.Text.Json;
using Layers.Publishing;
using Layers.SocialAccounts;

namespace Layers.Platforms.TikTok;

/// <summary>
/// Direct Post options as TikTok's documentation and UX guidelines define them: a privacy level among the creator's
/// current options, interaction switches (the creator's own switched-off settings win), the commercial content
/// disclosure (branded content is never private), a cover frame for videos, and for photos a short title and
/// automatic music. Inbox uploads (<c>draft_to_device</c>) carry only a photo title; the creator finishes the rest in
/// the app.
/// </summary>
internal sealed partial class TikTokClient
{
    public const string SelfOnly = "SELF_ONLY";
    private const int MaxPhotoTitle = 90;

    private static IReadOnlyList<string> PrivacyLevels => PostOptions.PrivacyLevels;

    public OptionsCheck CheckOptions(string mode, IReadOnlyList<PublishAsset> assets, PostOptions? requested, CreatorInfoView? creator)
    {
        var options = requested ?? PostOptions.None;
        var problems = new List<OptionProblem>();
        void Refuse(string field, string message) => problems.Add(new OptionProblem($"options.{field}", message));

        const string NotTikTok = "An Instagram option; TikTok posts do not take it.";
        if (options.ShareToFeed is not null) Refuse("shareToFeed", NotTikTok);
        if (options.CoverUrl is not null) Refuse("coverUrl", NotTikTok);
        if (options.ThumbOffsetMs is not null) Refuse("thumbOffsetMs", NotTikTok);
        if (options.Collaborators is not null) Refuse("collaborators", NotTikTok);
        if (options.LocationId is not null) Refuse("locationId", NotTikTok);

        var video = assets is [{ Kind: "video" }] ? assets[0] : null;
        if (options.Title is { } title)
        {
            if (video is not null) Refuse("title", "For photo posts only; a video's caption is its title.");
            else if (title.Length > MaxPhotoTitle) Refuse("title", $"At most {MaxPhotoTitle} characters.");
        }

        if (mode == DraftToDeviceMode)
        {
            const string InboxOnlyTitle = "draft_to_device takes only title; the creator chooses the rest in the TikTok app.";
            if (options.PrivacyLevel is not null) Refuse("privacyLevel", InboxOnlyTitle);
            if (options.DisableComment is not null) Refuse("disableComment", InboxOnlyTitle);
            if (options.DisableDuet is not null) Refuse("disableDuet", InboxOnlyTitle);
            if (options.DisableStitch is not null) Refuse("disableStitch", InboxOnlyTitle);
            if (options.BrandContentToggle is not null) Refuse("brandContentToggle", InboxOnlyTitle);
            if (options.BrandOrganicToggle is not null) Refuse("brandOrganicToggle", InboxOnlyTitle);
            if (options.VideoCoverTimestampMs is not null) Refuse("videoCoverTimestampMs", InboxOnlyTitle);
            if (options.AutoAddMusic is not null) Refuse("autoAddMusic", InboxOnlyTitle);
            return new OptionsCheck(new PostOptions { Title = video is null ? options.Title : null }, problems);
        }

        if (video is not null)
        {
            if (options.AutoAddMusic is not null) Refuse("autoAddMusic", "For photo posts only.");
            if (options.VideoCoverTimestampMs is { } cover && (cover < 0 || (video.DurationMs is { } length && cover >= length)))
            {
                Refuse("videoCoverTimestampMs", "A time within the video, in milliseconds from its start.");
            }
        }
        else
        {
            const string VideosOnly = "For video posts only.";
            if (options.DisableDuet is not null) Refuse("disableDuet", VideosOnly);
            if (options.DisableStitch is not null) Refuse("disableStitch", VideosOnly);
            if (options.VideoCoverTimestampMs is not null) Refuse("videoCoverTimestampMs", VideosOnly);
        }

        var privacy = options.PrivacyLevel ?? PublicToEveryone;
        if (!PrivacyLevels.Contains(privacy))
        {
            Refuse("privacyLevel", $"One of {string.Join(", ", PrivacyLevels)}.");
        }
        else if (creator?.PrivacyLevelOptions is { } offered && !offered.Contains(privacy))
        {
            Refuse("privacyLevel", options.PrivacyLevel is null
                ? $"Required: this creator does not offer {PublicToEveryone}; choose one of {string.Join(", ", offered)}."
                : $"This creator offers only {string.Join(", ", offered)}.");
        }

        if (options.BrandContentToggle == true && privacy == SelfOnly)
        {
            Refuse("brandContentToggle", "Branded content cannot be private: choose a privacy level other than SELF_ONLY.");
        }

        if (video?.DurationMs is { } duration && creator?.MaxVideoPostDurationSec is { } longest && duration > longest * 1000L)
        {
            problems.Add(new OptionProblem("", $"The video lasts {duration / 1000.0:0.#} s; this creator may post videos of at most {longest} s."));
        }

        var applied = new PostOptions
        {
            PrivacyLevel = privacy,
            DisableComment = options.DisableComment == true || creator?.CommentDisabled == true,
            DisableDuet = video is null ? null : options.DisableDuet == true || creator?.DuetDisabled == true,
            DisableStitch = video is null ? null : options.DisableStitch == true || creator?.StitchDisabled == true,
            BrandContentToggle = options.BrandContentToggle ?? false,
            BrandOrganicToggle = options.BrandOrganicToggle ?? false,
            VideoCoverTimestampMs = video is null ? null : options.VideoCoverTimestampMs,
            AutoAddMusic = video is null ? options.AutoAddMusic : null,
            Title = video is null ? options.Title : null,
        };
        return new OptionsCheck(applied, problems);
    }

    public bool OptionsDependOnCreator(string mode) => mode == DirectPublishMode;

    public async Task<CreatorInfoView> GetCreatorInfoAsync(string accessToken, string platformUserId, CancellationToken cancellationToken)
    {
        var answer = await QueryCreatorAsync(accessToken, cancellationToken, fresh: true);
        var data = answer.Data;
        return new CreatorInfoView
        {
            Platform = Platform,
            Nickname = Text(data, "creator_nickname"),
            Username = Text(data, "creator_username") ?? "",
            AvatarUrl = Text(data, "creator_avatar_url"),
            PrivacyLevelOptions = PrivacyOptions(data),
            CommentDisabled = Flag(data, "comment_disabled"),
            DuetDisabled = Flag(data, "duet_disabled"),
            StitchDisabled = Flag(data, "stitch_disabled"),
            MaxVideoPostDurationSec = data.TryGetProperty("max_video_post_duration_sec", out var longest) && longest.TryGetInt32(out var seconds) ? seconds : null,
            CanPost = answer.Refusal is null,
        };
    }

    /// <summary>TikTok offers no API to comment on a post.</summary>
    public Task<string?> PostCommentAsync(string accessToken, string externalId, string message, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    private static List<string> PrivacyOptions(JsonElement creator) =>
        creator.TryGetProperty("privacy_level_options", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.String).Select(o => o.GetString()!)]
            : [];
}
