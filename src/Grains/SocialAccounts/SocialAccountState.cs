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

    /// <summary>The pool account a leased account was assigned from.</summary>
    [Id(30)] public string? PoolAccountId { get; set; }

    /// <summary>Lease periods charged so far (1 once assigned); the next renewal starts period number PaidPeriods.</summary>
    [Id(31)] public int PaidPeriods { get; set; }

    /// <summary>Failed attempts to charge the renewal now due.</summary>
    [Id(32)] public int RenewalFailures { get; set; }

    /// <summary>When an unpaid renewal is tried again; null when none is failing.</summary>
    [Id(33)] public DateTimeOffset? RenewalRetryAt { get; set; }

    /// <summary>True from a lease's release until the pool has its account back.</summary>
    [Id(34)] public bool PoolReturnPending { get; set; }

    /// <summary>The released account's newest tokens, encrypted for the pool account, until the pool has them.</summary>
    [Id(35)] public StoredTokens? PoolReturnCredentials { get; set; }

    /// <summary>The partner's reason for releasing a leased account, if given.</summary>
    [Id(36)] public string? LeaseReleaseNote { get; set; }

    /// <summary>Queued posts a revocation still has to cancel (finished by the upkeep tick after a crash).</summary>
    [Id(51)] public List<string> PendingCancellations { get; set; } = [];
}
