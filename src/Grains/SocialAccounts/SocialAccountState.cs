using Layers.Events;

namespace Layers.SocialAccounts;

[GenerateSerializer]
public sealed class SocialAccountState
{
    [Id(0)] public string? OrganizationId { get; set; }
    [Id(1)] public Guid ProjectId { get; set; }
    [Id(2)] public string Platform { get; set; } = "";
    [Id(3)] public bool Leased { get; set; }
    [Id(4)] public string PlatformUserId { get; set; } = "";
    [Id(5)] public string Handle { get; set; } = "";
    [Id(6)] public string? DisplayName { get; set; }
    [Id(7)] public string? AvatarUrl { get; set; }
    [Id(8)] public string Status { get; set; } = SocialAccountStatus.Connected;
    [Id(9)] public List<string> Scopes { get; set; } = [];
    [Id(10)] public DateTimeOffset ConnectedAt { get; set; }
    [Id(11)] public DateTimeOffset? DisconnectedAt { get; set; }
    [Id(12)] public string? DisconnectedReason { get; set; }

    /// <summary>The encrypted tokens; null once the account is disconnected.</summary>
    [Id(13)] public StoredTokens? Tokens { get; set; }

    [Id(14)] public DateTimeOffset? LastRefreshAt { get; set; }
    [Id(15)] public string? LastRefreshError { get; set; }
    [Id(16)] public int ConsecutiveRefreshFailures { get; set; }
    [Id(17)] public DateTimeOffset? LastPublishAt { get; set; }
    [Id(18)] public string? LastPublishError { get; set; }
    [Id(19)] public DateTimeOffset? AssignedAt { get; set; }
    [Id(20)] public DateTimeOffset? NextRenewalAt { get; set; }
    [Id(21)] public long? MonthlyPriceCents { get; set; }
    [Id(22)] public string? LeaseRequestId { get; set; }

    /// <summary>Events recorded with the state change that caused them, until the event log has them.</summary>
    [Id(23)] public List<EventRecord> Outbox { get; set; } = [];

    /// <summary>True while the project's catalogue may not yet show the latest view of this account.</summary>
    [Id(24)] public bool ViewPending { get; set; }
}
