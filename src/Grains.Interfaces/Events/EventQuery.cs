namespace Layers.Events;

[GenerateSerializer, Immutable]
public sealed record EventQuery(
    [property: Id(0)] Guid? ProjectId,
    [property: Id(1)] string? Type)
{
    public bool Matches(EventRecord record) =>
        (ProjectId is null || record.ProjectId == ProjectId) && (Type is null || record.Type == Type);
}
