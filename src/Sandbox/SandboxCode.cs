namespace Layers.Sandbox;

/// <summary>A single-use authorization code as issued by the consent page.</summary>
public sealed record SandboxCode(
    string Value, string Handle, IReadOnlyList<string> Scopes, string RedirectUri, DateTimeOffset ExpiresAt, bool Used);
