using Layers.Leasing;

namespace Layers.Api.Leasing;

/// <summary>The answer to a submitted lease request (202).</summary>
public sealed record LeaseRequestAccepted(string RequestId, string Status, DateTimeOffset SubmittedAt);

/// <summary>A lease request as operators see it: the partner's shape plus the organization.</summary>
public sealed record OperatorLeaseRequest(
    string RequestId, string OrganizationId, Guid ProjectId, string Status, int Count, LeaseNiche Niche, string? Target,
    string? Note, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt, IReadOnlyList<string> AssignedSocialAccountIds,
    string? RejectionReason)
{
    public static OperatorLeaseRequest From(LeaseReviewEntry entry)
    {
        var r = entry.Request;
        return new(r.RequestId, entry.OrganizationId, r.ProjectId, r.Status, r.Count, r.Niche, r.Target, r.Note, r.SubmittedAt,
            r.DecidedAt, r.AssignedSocialAccountIds, r.RejectionReason);
    }
}
