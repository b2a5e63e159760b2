using System.Text.Json.Serialization;

namespace Layers.SocialAccounts;

/// <summary>
/// What a partner's posting screen must show before a post (API.md §5a), read from the platform at most once a minute
/// per account. TikTok fills the creator's nickname, privacy options, interaction switches, longest video and whether
/// they may post now; Instagram the account type and its API publishing limit. Fields of the other platform are left
/// out of the JSON.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CreatorInfoView
{
    [Id(0)] public string Platform { get; init; } = "";

    [Id(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Nickname { get; init; }

    [Id(2)] public string Username { get; init; } = "";

    [Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AvatarUrl { get; init; }

    [Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? PrivacyLevelOptions { get; init; }

    [Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? CommentDisabled { get; init; }

    [Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? DuetDisabled { get; init; }

    [Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? StitchDisabled { get; init; }

    [Id(8), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? MaxVideoPostDurationSec { get; init; }

    [Id(9), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? CanPost { get; init; }

    [Id(10), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AccountType { get; init; }

    [Id(11), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public PublishingLimitView? PublishingLimit { get; init; }

    [Id(12)] public DateTimeOffset FetchedAt { get; init; }
}

/// <summary>Instagram's content publishing limit: posts published through the API in the last <see cref="WindowHours"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record PublishingLimitView(
    [property: Id(0)] int QuotaUsage,
    [property: Id(1)] int QuotaTotal,
    [property: Id(2)] int WindowHours);
