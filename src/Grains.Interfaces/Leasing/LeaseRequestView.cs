namespace Layers.Leasing;

/// <summary>A lease request as partners see it (API.md §4), and the data of its <c>lease_request.*</c> events.</summary>
[GenerateSerializer, Immutable]
public sealed record LeaseRequestView(
    [property: Id(0)] string RequestId,
    [property: Id(1)] Guid ProjectId,
    [property: Id(2)] string Status,
    [property: Id(3)] int Count,
    [property: Id(4)] LeaseNiche Niche,
    [property: Id(5)] string? Target,
    [property: Id(6)] string? Note,
    [property: Id(7)] DateTimeOffset SubmittedAt,
    [property: Id(8)] DateTimeOffset? DecidedAt,
    [property: Id(9)] IReadOnlyList<string> AssignedSocialAccountIds,
    [property: Id(10)] string? RejectionReason);
