namespace Layers.Common;

/// <summary>
/// The service key of the clock every piece of this service reads. Kept apart from the <see cref="TimeProvider"/>
/// Orleans itself uses, so tests can move this clock without moving the runtime's own timers.
/// </summary>
public static class LayersTime
{
    public const string Key = "layers";
}
