namespace Layers.Sandbox;

/// <summary>A failure armed by the control endpoint for the next publish of <see cref="Handle"/> (or of anyone when null).</summary>
public sealed record SandboxPublishFailure(string Code, string? Handle);
