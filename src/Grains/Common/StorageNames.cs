namespace Layers.Common;

/// <summary>The grain storage every grain of this service persists to (memory in trial mode, PostgreSQL otherwise).</summary>
public static class StorageNames
{
    public const string Layers = "layers";
}
