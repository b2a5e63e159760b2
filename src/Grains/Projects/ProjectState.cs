namespace Layers.Projects;

[GenerateSerializer]
public sealed class ProjectState
{
    [Id(0)] public string? OrganizationId { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public string Timezone { get; set; } = "UTC";
    [Id(3)] public string? CustomerExternalId { get; set; }
    [Id(4)] public string Status { get; set; } = ProjectStatus.Active;
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public DateTimeOffset UpdatedAt { get; set; }
}
