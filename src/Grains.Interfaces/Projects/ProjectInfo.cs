namespace Layers.Projects;

[GenerateSerializer, Immutable]
public sealed record ProjectInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string OrganizationId,
    [property: Id(2)] string Name,
    [property: Id(3)] string Timezone,
    [property: Id(4)] string? CustomerExternalId,
    [property: Id(5)] string Status,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset UpdatedAt);
