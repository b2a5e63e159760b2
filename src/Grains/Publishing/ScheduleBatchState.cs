namespace Layers.Publishing;

/// <summary>A schedule request's posts, stored before any is made, and whether it was refused; deleted once finished.</summary>
[GenerateSerializer]
public sealed class ScheduleBatchState
{
    [Id(0)] public string? OrganizationId { get; set; }

    /// <summary>Every post of the request with its draft, in the targets' order.</summary>
    [Id(1)] public List<BatchPost> Posts { get; set; } = [];

    /// <summary>A post could not be made: the ones made are taken back instead of the rest being made.</summary>
    [Id(3)] public bool Rejected { get; set; }

    /// <summary>The request that stored the batch (its posts' <see cref="PostDraft.BatchId"/>): a key can come again.</summary>
    [Id(4)] public string? RequestId { get; set; }
}

/// <summary>One post of a batch and what it is made from.</summary>
[GenerateSerializer, Immutable]
public sealed record BatchPost([property: Id(0)] string PostId, [property: Id(1)] PostDraft Draft);
