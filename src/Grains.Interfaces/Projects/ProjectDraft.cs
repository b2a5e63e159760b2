namespace Layers.Projects;

/// <summary>The validated fields of a new project.</summary>
[GenerateSerializer, Immutable]
public sealed record ProjectDraft(
    [property: Id(0)] string Name,
    [property: Id(1)] string Timezone,
    [property: Id(2)] string? CustomerExternalId);
