namespace Layers.Publishing;

[GenerateSerializer]
public sealed class ContentContainerState
{
    [Id(0)] public string? OrganizationId { get; set; }
    [Id(1)] public Guid ProjectId { get; set; }
    [Id(2)] public string? Caption { get; set; }
    [Id(3)] public string? FirstComment { get; set; }

    /// <summary>As the partner gave them, then with the facts read from each file.</summary>
    [Id(4)] public List<ContentAsset> Assets { get; set; } = [];
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public string Status { get; set; } = ContentStatus.Validating;
    [Id(7)] public List<AssetProblem> Problems { get; set; } = [];
}
