using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Layers.Common;

namespace Layers.Publishing;

/// <summary>
/// Platform-native options of one post, as sent by the partner and, on the post, as applied. A name that is not an
/// option, or an option of the other platform, is `422`.
/// </summary>
/// <remarks>
/// A target's platform-native options (API.md §5a), as the partner asked for them and, on the post, as they are
/// applied. TikTok direct posts: <see cref="PrivacyLevel"/>, the interaction switches, the brand toggles, the video
/// cover frame, and for photos <see cref="AutoAddMusic"/> and <see cref="Title"/>. Instagram: <see
/// cref="ShareToFeed"/>, <see cref="CoverUrl"/>, <see cref="ThumbOffsetMs"/>, <see cref="Collaborators"/>, <see
/// cref="LocationId"/>. An option that is not given is left out of the JSON; a name that is not an option is refused.
/// </remarks>
[GenerateSerializer, Immutable]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PostOptions
{
    /// <summary>
    /// TikTok direct posts: who can see the post; must be among the creator's current `privacyLevelOptions` (see
    /// creator-info). Default `PUBLIC_TO_EVERYONE` when the creator offers it, else required. A level the creator no
    /// longer offers at the hand-off fails the post with `OPTIONS_NOT_ALLOWED`.
    /// </summary>
    [Id(0), OneOf(typeof(PostOptions), nameof(PrivacyLevels)), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? PrivacyLevel { get; init; }

    /// <summary>
    /// TikTok direct posts: turn comments off. A creator who switched comments off in the app gets `true` whatever is
    /// asked.
    /// </summary>
    [Id(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? DisableComment { get; init; }

    /// <summary>TikTok direct video posts: turn duets off (the creator's own setting wins, as for comments).</summary>
    [Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? DisableDuet { get; init; }

    /// <summary>
    /// TikTok direct video posts: turn stitches off (the creator's own setting wins, as for comments).
    /// </summary>
    [Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? DisableStitch { get; init; }

    /// <summary>
    /// TikTok direct posts: paid partnership promoting another brand ("Branded content"). Cannot be `SELF_ONLY`.
    /// Default `false`; always sent.
    /// </summary>
    [Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? BrandContentToggle { get; init; }

    /// <summary>
    /// TikTok direct posts: promotes the creator's own business ("Your brand"). Default `false`; always sent.
    /// </summary>
    [Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? BrandOrganicToggle { get; init; }

    /// <summary>
    /// TikTok direct video posts: the frame used as the cover, in milliseconds from the start, within the video.
    /// </summary>
    [Id(6), Range(0, long.MaxValue), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? VideoCoverTimestampMs { get; init; }

    /// <summary>TikTok direct photo posts: let TikTok add music.</summary>
    [Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? AutoAddMusic { get; init; }

    /// <summary>
    /// TikTok photo posts (direct or `draft_to_device`): a title of at most 90 characters; the caption is the
    /// description.
    /// </summary>
    [Id(8), MaxLength(90), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Title { get; init; }

    /// <summary>
    /// Instagram reels: also show the reel in the feed. Default `true`. A single video in `feed` is a reel shared to
    /// the feed, so `false` there is `422`.
    /// </summary>
    [Id(9), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? ShareToFeed { get; init; }

    /// <summary>Instagram reels: an `https` image used as the cover.</summary>
    [Id(10), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? CoverUrl { get; init; }

    /// <summary>
    /// Instagram reels without `coverUrl`: the frame used as the cover, in milliseconds from the start.
    /// </summary>
    [Id(11), Range(0, long.MaxValue), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? ThumbOffsetMs { get; init; }

    /// <summary>Instagram: up to 3 usernames invited as collaborators.</summary>
    [Id(12), MaxLength(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? Collaborators { get; init; }

    /// <summary>Instagram: the numeric id of a location page to tag.</summary>
    [Id(13), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? LocationId { get; init; }

    public static PostOptions None { get; } = new();

    /// <summary>TikTok's privacy levels, widest first.</summary>
    public static IReadOnlyList<string> PrivacyLevels { get; } = ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"];
}
