namespace Layers.Common;

/// <summary>The meter the service's own instruments belong to, in the grains and in the HTTP front alike.</summary>
public static class MeterNames
{
    public const string Layers = "Layers";
}
