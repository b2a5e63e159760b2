using Layers.Common;

namespace Layers.Leasing;

/// <summary>A lease request and its outcome.</summary>
/// <remarks>
/// A lease request as partners see it (API.md §4), and the data of its <c>lease_request.*</c> events.
/// </remarks>
/// <param name="RequestId">The lease request's id (`lreq_…`).</param>
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
/// <param name="DecidedAt">
/// When Layers assigned accounts or rejected it (ISO-8601, UTC). Null while `requested`.
/// </param>
/// <param name="AssignedSocialAccountIds">
/// The leased accounts assigned (`sa_…`); empty unless `assigned` or `partial`.
/// </param>
/// <param name="RejectionReason">Why Layers rejected the request; null unless `rejected`.</param>
[GenerateSerializer, Immutable]
public sealed record LeaseRequestView(
    [property: Id(0)] string RequestId,
    [property: Id(1)] Guid ProjectId,
    [property: Id(2), OneOf(typeof(LeaseRequestStatus))] string Status,
    [property: Id(3)] int Count,
    [property: Id(4)] LeaseNiche Niche,
    [property: Id(5)] string? Target,
    [property: Id(6)] string? Note,
    [property: Id(7)] DateTimeOffset SubmittedAt,
    [property: Id(8)] DateTimeOffset? DecidedAt,
    [property: Id(9)] IReadOnlyList<string> AssignedSocialAccountIds,
    [property: Id(10)] string? RejectionReason);
