using Layers.Leasing;

namespace Layers.Api.Leasing;

/// <summary>A lease request, received and waiting for review.</summary>
/// <remarks>The answer to a submitted lease request (202).</remarks>
/// <param name="RequestId">The lease request's id (`lreq_…`).</param>
/// <param name="Status">Always `requested`.</param>
/// <param name="SubmittedAt">When the request was received (ISO-8601, UTC).</param>
public sealed record LeaseRequestAccepted(string RequestId, string Status, DateTimeOffset SubmittedAt);

/// <summary>A lease request as operators see it: the partner's view plus the organization.</summary>
/// <remarks>A lease request as operators see it: the partner's shape plus the organization.</remarks>
/// <param name="RequestId">The lease request's id (`lreq_…`).</param>
/// <param name="OrganizationId">The organization that asked (`org_…`).</param>
/// <param name="ProjectId">The project's id (a UUID).</param>
/// <param name="Status">
/// `requested` (waiting for Layers' review), `assigned` (as many accounts as requested), `partial` (fewer, at least
/// one) or `rejected`.
/// </param>
/// <param name="Count">How many accounts were asked for, 1–50.</param>
/// <param name="Niche">What the accounts are about: `vertical` (required), `audience`, `language` and `geo`.</param>
/// <param name="Target">
/// What the partner aims for with the accounts, free text of at most 500 characters; null for none.
/// </param>
/// <param name="Note">A note for Layers' reviewers, at most 2,000 characters; null for none.</param>
/// <param name="SubmittedAt">When the request was received (ISO-8601, UTC).</param>
/// <param name="DecidedAt">When it was assigned or rejected (ISO-8601, UTC). Null while `requested`.</param>
/// <param name="AssignedSocialAccountIds">
/// The leased accounts assigned (`sa_…`); empty unless `assigned` or `partial`.
/// </param>
/// <param name="RejectionReason">Why it was rejected; null unless `rejected`.</param>
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
