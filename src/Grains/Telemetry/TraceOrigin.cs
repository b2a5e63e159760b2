using System.Diagnostics;

namespace Layers.Telemetry;

/// <summary>The trace a piece of deferred work was asked for in, and when (service clock).</summary>
public readonly record struct TraceOrigin(ActivityContext Context, DateTimeOffset CapturedAt)
{
    public bool IsKnown => Context != default;
}
