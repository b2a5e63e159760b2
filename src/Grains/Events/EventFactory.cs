using System.Text.Json;
using Layers.Common;
using Layers.Telemetry;

namespace Layers.Events;

public static class EventFactory
{
    /// <summary>
    /// A new event whose data is the resource in the API's wire format. It remembers the trace it was created in
    /// (the request, through the grain calls it made), so its webhook deliveries continue or link that trace.
    /// </summary>
    public static EventRecord Create(TimeProvider time, string type, string organizationId, Guid? projectId, object data) =>
        new(Ids.New(Ids.Event, time), type, time.GetUtcNow(), organizationId, projectId, Data(data))
        {
            TraceParent = LayersActivitySource.CurrentTraceParent(),
        };

    /// <summary>An event's data: the resource in the API's wire format.</summary>
    public static string Data(object data) => JsonSerializer.Serialize(data, WireJson.Options);
}
