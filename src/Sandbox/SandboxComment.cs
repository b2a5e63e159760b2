namespace Layers.Sandbox;

/// <summary>A comment posted under a published Instagram media: its id, its text and when it came.</summary>
public sealed record SandboxComment(string Id, string Text, DateTimeOffset At);
