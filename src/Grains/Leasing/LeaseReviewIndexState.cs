namespace Layers.Leasing;

[GenerateSerializer]
public sealed class LeaseReviewIndexState
{
    /// <summary>Request ids in the order they were first listed.</summary>
    [Id(0)] public List<string> RequestIds { get; set; } = [];

    [Id(1)] public Dictionary<string, LeaseReviewEntry> Entries { get; set; } = [];
}
