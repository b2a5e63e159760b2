using System.Text.Json.Serialization;
using Layers.Common;

namespace Layers.SocialAccounts;

/// <summary>
/// What a posting screen must show before posting (TikTok requires apps to show the creator's nickname and let them
/// pick from their own privacy options). TikTok fills the creator fields, Instagram `accountType` and
/// `publishingLimit`; the other platform's fields are left out.
/// </summary>
/// <remarks>
/// What a partner's posting screen must show before a post (API.md §5a), read from the platform at most once a minute
/// per account. TikTok fills the creator's nickname, privacy options, interaction switches, longest video and whether
/// they may post now; Instagram the account type and its API publishing limit. Fields of the other platform are left
/// out of the JSON.
/// </remarks>
[GenerateSerializer, Immutable]
public sealed record CreatorInfoView
{
    /// <summary>The platform: `tiktok` or `instagram`.</summary>
    [Id(0)] public string Platform { get; init; } = "";

    /// <summary>TikTok: the creator's nickname, to show on the posting screen.</summary>
    [Id(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Nickname { get; init; }

    /// <summary>The account's handle.</summary>
    [Id(2)] public string Username { get; init; } = "";

    /// <summary>TikTok: the creator's avatar.</summary>
    [Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AvatarUrl { get; init; }

    /// <summary>TikTok: the privacy levels this creator may post with now; offer only these.</summary>
    [Id(4), OneOf(typeof(Layers.Publishing.PostOptions), nameof(Layers.Publishing.PostOptions.PrivacyLevels)), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? PrivacyLevelOptions { get; init; }

    /// <summary>TikTok: the creator switched comments off in the app; show the option off and locked.</summary>
    [Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? CommentDisabled { get; init; }

    /// <summary>TikTok: the creator switched duets off in the app.</summary>
    [Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? DuetDisabled { get; init; }

    /// <summary>TikTok: the creator switched stitches off in the app.</summary>
    [Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? StitchDisabled { get; init; }

    /// <summary>TikTok: the longest video, in seconds, this creator may post.</summary>
    [Id(8), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? MaxVideoPostDurationSec { get; init; }

    /// <summary>
    /// TikTok: whether the creator may post right now; when `false` (a daily cap, a spam-risk hold), posts wait and go
    /// out when allowed.
    /// </summary>
    [Id(9), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? CanPost { get; init; }

    /// <summary>Instagram: `business` or `creator`.</summary>
    [Id(10), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AccountType { get; init; }

    /// <summary>Instagram: the account's content publishing limit.</summary>
    [Id(11), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public PublishingLimitView? PublishingLimit { get; init; }

    /// <summary>When this was read from the platform (ISO-8601, UTC). Read at most once a minute per account.</summary>
    [Id(12)] public DateTimeOffset FetchedAt { get; init; }
}

/// <summary>Instagram's content publishing limit for the account.</summary>
/// <remarks>
/// Instagram's content publishing limit: posts published through the API in the last <see cref="WindowHours"/>.
/// </remarks>
/// <param name="QuotaUsage">Posts published through the API in the window.</param>
/// <param name="QuotaTotal">Posts the API may publish in the window (50).</param>
/// <param name="WindowHours">The window, in hours (24).</param>
[GenerateSerializer, Immutable]
public sealed record PublishingLimitView(
    [property: Id(0)] int QuotaUsage,
    [property: Id(1)] int QuotaTotal,
    [property: Id(2)] int WindowHours);
