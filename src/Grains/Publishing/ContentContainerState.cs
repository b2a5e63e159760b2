namespace Layers.Publishing;

[GenerateSerializer]
public sealed class ContentContainerState
{
    [Id(0)] public string? OrganizationId { get; set; }
    [Id(1)] public Guid ProjectId { get; set; }
    [Id(2)] public string? Caption { get; set; }
    [Id(3)] public string? FirstComment { get; set; }
    [Id(4)] public List<ContentAsset> Assets { get; set; } = [];
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
}
