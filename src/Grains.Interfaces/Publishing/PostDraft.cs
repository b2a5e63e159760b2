namespace Layers.Publishing;

/// <summary>
/// One validated target of a schedule request. <see cref="Options"/> are as they will be applied (defaults filled in);
/// <see cref="FirstComment"/> is the container's; <see cref="BatchId"/> names the request that made it. When the batch
/// resumes a request a crash cut short (<see cref="Resuming"/>), a post of that batch that exists is only completed;
/// otherwise an existing post is a conflict.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PostDraft(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] Guid ProjectId,
    [property: Id(2)] string ContainerId,
    [property: Id(3)] string SocialAccountId,
    [property: Id(4)] string Platform,
    [property: Id(5)] string Mode,
    [property: Id(6)] DateTimeOffset ScheduledFor,
    [property: Id(7)] string? Caption,
    [property: Id(8)] IReadOnlyList<ContentAsset> Assets,
    [property: Id(9)] PostOptions? Options = null,
    [property: Id(10)] string? FirstComment = null,
    [property: Id(11)] string? BatchId = null,
    [property: Id(12)] bool Resuming = false);
