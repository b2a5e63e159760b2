namespace Layers.Events;

[GenerateSerializer]
public sealed class EventLogState
{
    [Id(0)] public List<EventRecord> Events { get; set; } = [];
}
