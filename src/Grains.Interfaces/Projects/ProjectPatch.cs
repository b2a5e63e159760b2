namespace Layers.Projects;

/// <summary>A partial update: a null member leaves the field as it is; <see cref="ClearCustomerExternalId"/> erases it.</summary>
[GenerateSerializer, Immutable]
public sealed record ProjectPatch(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Timezone,
    [property: Id(2)] string? CustomerExternalId,
    [property: Id(3)] bool ClearCustomerExternalId,
    [property: Id(4)] string? Status);
