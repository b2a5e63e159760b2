using Layers.Events;

namespace Layers.Leasing;

[GenerateSerializer]
public sealed class LeaseRequestState
{
    [Id(0)] public string? OrganizationId { get; set; }
    [Id(1)] public Guid ProjectId { get; set; }
    [Id(2)] public int Count { get; set; }
    [Id(3)] public LeaseNiche Niche { get; set; } = new("", null, null, []);
    [Id(4)] public string? Target { get; set; }
    [Id(5)] public string? Note { get; set; }
    [Id(6)] public string Status { get; set; } = LeaseRequestStatus.Requested;
    [Id(7)] public DateTimeOffset SubmittedAt { get; set; }
    [Id(8)] public DateTimeOffset? DecidedAt { get; set; }
    [Id(9)] public List<string> AssignedSocialAccountIds { get; set; } = [];
    [Id(10)] public string? RejectionReason { get; set; }

    /// <summary>An assignment persisted but not finished yet; null otherwise.</summary>
    [Id(11)] public PendingAssignment? Pending { get; set; }

    /// <summary>Events recorded with the decision that caused them, until the event log has them.</summary>
    [Id(12)] public List<EventRecord> Outbox { get; set; } = [];

    /// <summary>True while the operators' review listing may not show the latest view of this request.</summary>
    [Id(13)] public bool ReviewPending { get; set; }
}
