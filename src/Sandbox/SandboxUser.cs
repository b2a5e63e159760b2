namespace Layers.Sandbox;

/// <summary>
/// A simulated platform user. The handle is the identity: the same handle always maps to the same platform user id.
/// </summary>
public sealed record SandboxUser(string Handle, string PlatformUserId, string? AccountType, int Revocations);
