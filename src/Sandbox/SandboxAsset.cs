namespace Layers.Sandbox;

/// <summary>A media file of a simulated post: <c>video</c> or <c>image</c>, and the URL the platform pulled it from.</summary>
public sealed record SandboxAsset(string Kind, string Url);
