using System.Text.Json;

namespace Layers.Sandbox;

/// <summary>
/// The simulators answer in the platforms' own snake_case wire format, written out literally, not in this
/// service's camelCase.
/// </summary>
internal static class SandboxJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General);
}
