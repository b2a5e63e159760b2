namespace Layers.SocialAccounts;

/// <summary>Encrypted tokens (AES-GCM, key id inside each ciphertext) and their lifetimes.</summary>
[GenerateSerializer, Immutable]
public sealed record StoredTokens(
    [property: Id(0)] string AccessTokenCiphertext,
    [property: Id(1)] DateTimeOffset AccessExpiresAt,
    [property: Id(2)] string? RefreshTokenCiphertext,
    [property: Id(3)] DateTimeOffset? RefreshExpiresAt,
    [property: Id(4)] DateTimeOffset IssuedAt);
