namespace Layers.Leasing;

[GenerateSerializer]
public sealed class LeaseReviewCatalogState
{
    /// <summary>Months (yyyyMM) with lease requests, ascending.</summary>
    [Id(0)] public List<string> Months { get; set; } = [];
}
