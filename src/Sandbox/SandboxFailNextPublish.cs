namespace Layers.Sandbox;

/// <summary>
/// Body of <c>POST /sandbox/{platform}/control/fail-next-publish</c>: the platform error code the next publish fails
/// with, and optionally the only handle it applies to.
/// </summary>
public sealed record SandboxFailNextPublish(string? Code, string? Handle);
