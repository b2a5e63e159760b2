namespace Layers.SocialAccounts;

/// <summary>
/// What a post gets from its account right before it calls the platform: the account's status and, when it may
/// publish, its access token still encrypted (purpose <c>&lt;socialAccountId&gt;:access</c>). <see cref="RetryAt"/> is
/// set when the account's token has used up its platform's limit for the call: the post makes no call and asks again
/// then. <see cref="Scopes"/> are what the user granted.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PublishCredentials(
    [property: Id(0)] string Status,
    [property: Id(1)] string? AccessTokenCiphertext,
    [property: Id(2)] string PlatformUserId,
    [property: Id(3)] string Handle,
    [property: Id(4)] DateTimeOffset? DisconnectedAt = null,
    [property: Id(5)] DateTimeOffset? RetryAt = null,
    [property: Id(6)] IReadOnlyList<string>? Scopes = null);
