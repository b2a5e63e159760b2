namespace Layers.Events;

/// <summary>How long events are kept and listed.</summary>
public static class EventRetention
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(30);
}
