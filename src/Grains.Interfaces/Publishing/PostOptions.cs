using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Layers.Publishing;

/// <summary>
/// A target's platform-native options (API.md §5a), as the partner asked for them and, on the post, as they are
/// applied. TikTok direct posts: <see cref="PrivacyLevel"/>, the interaction switches, the brand toggles, the video
/// cover frame, and for photos <see cref="AutoAddMusic"/> and <see cref="Title"/>. Instagram: <see cref="ShareToFeed"/>,
/// <see cref="CoverUrl"/>, <see cref="ThumbOffsetMs"/>, <see cref="Collaborators"/>, <see cref="LocationId"/>. An
/// option that is not given is left out of the JSON; a name that is not an option is refused.
/// </summary>
[GenerateSerializer, Immutable]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PostOptions
{
    /// <summary>TikTok: who can see the post; one of the creator's current <c>privacyLevelOptions</c>.</summary>
    [Id(0), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? PrivacyLevel { get; init; }

    /// <summary>TikTok: comments off.</summary>
    [Id(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? DisableComment { get; init; }

    /// <summary>TikTok videos: duets off.</summary>
    [Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? DisableDuet { get; init; }

    /// <summary>TikTok videos: stitches off.</summary>
    [Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? DisableStitch { get; init; }

    /// <summary>TikTok: a paid partnership promoting another brand (branded content; never private).</summary>
    [Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? BrandContentToggle { get; init; }

    /// <summary>TikTok: promotes the creator's own business.</summary>
    [Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? BrandOrganicToggle { get; init; }

    /// <summary>TikTok videos: the frame, in milliseconds from the start, used as the cover.</summary>
    [Id(6), Range(0, long.MaxValue), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? VideoCoverTimestampMs { get; init; }

    /// <summary>TikTok photos: let TikTok add music.</summary>
    [Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? AutoAddMusic { get; init; }

    /// <summary>TikTok photos: a title of at most 90 characters (the caption is the description).</summary>
    [Id(8), MaxLength(90), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Title { get; init; }

    /// <summary>Instagram reels: also shown in the feed (default true).</summary>
    [Id(9), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? ShareToFeed { get; init; }

    /// <summary>Instagram reels: an https image used as the cover.</summary>
    [Id(10), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? CoverUrl { get; init; }

    /// <summary>Instagram reels: the frame, in milliseconds from the start, used as the cover when no cover image is given.</summary>
    [Id(11), Range(0, long.MaxValue), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? ThumbOffsetMs { get; init; }

    /// <summary>Instagram: up to 3 usernames invited as collaborators.</summary>
    [Id(12), MaxLength(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? Collaborators { get; init; }

    /// <summary>Instagram: the id of a location page to tag.</summary>
    [Id(13), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? LocationId { get; init; }

    public static PostOptions None { get; } = new();

    /// <summary>TikTok's privacy levels, widest first.</summary>
    public static IReadOnlyList<string> PrivacyLevels { get; } = ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"];
}
