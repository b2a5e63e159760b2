namespace Layers.Api.Sandbox;

/// <summary>What the control endpoints report about a simulated user.</summary>
public sealed record SandboxUserReport(string Handle, string PlatformUserId, int Revocations, int ActiveTokens, int Refreshes);
