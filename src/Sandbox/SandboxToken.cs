namespace Layers.Sandbox;

/// <summary>
/// A simulated token. Tokens minted from one consent share a <see cref="GrantId"/>, so revoking one revokes the
/// whole authorization.
/// </summary>
public sealed record SandboxToken(
    string Value,
    SandboxTokenKind Kind,
    string Handle,
    string GrantId,
    IReadOnlyList<string> Scopes,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    bool Revoked);
