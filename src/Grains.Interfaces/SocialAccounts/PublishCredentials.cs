namespace Layers.SocialAccounts;

/// <summary>
/// What a post gets from its account right before it goes to the platform: the account's status and, when it may
/// publish, its access token still encrypted (purpose <c>&lt;socialAccountId&gt;:access</c>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PublishCredentials(
    [property: Id(0)] string Status,
    [property: Id(1)] string? AccessTokenCiphertext,
    [property: Id(2)] string PlatformUserId,
    [property: Id(3)] string Handle,
    [property: Id(4)] DateTimeOffset? DisconnectedAt = null);
