using Layers.Common;

namespace Layers.Projects;

/// <summary>A project: one customer of the partner. Accounts, content and posts belong to a project.</summary>
/// <param name="Id">The project's id (a UUID).</param>
/// <param name="OrganizationId">The organization's id (`org_…`).</param>
/// <param name="Name">The project's name, 1–128 characters.</param>
/// <param name="Timezone">An IANA time zone name, e.g. `Europe/Paris`; `UTC` unless set.</param>
/// <param name="CustomerExternalId">
/// The partner's own id for the customer, at most 255 characters; null for none.
/// </param>
/// <param name="Status">`active` or `archived`. Archiving cancels the project's queued posts.</param>
/// <param name="CreatedAt">When the project was created (ISO-8601, UTC).</param>
/// <param name="UpdatedAt">When the project last changed (ISO-8601, UTC).</param>
[GenerateSerializer, Immutable]
public sealed record ProjectInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string OrganizationId,
    [property: Id(2)] string Name,
    [property: Id(3)] string Timezone,
    [property: Id(4)] string? CustomerExternalId,
    [property: Id(5), OneOf(ProjectStatus.Active, ProjectStatus.Archived)] string Status,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset UpdatedAt);
