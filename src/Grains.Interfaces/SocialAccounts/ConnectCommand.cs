namespace Layers.SocialAccounts;

/// <summary>
/// A completed consent: who connected, and the tokens already encrypted for storage (plaintext tokens never cross
/// a grain boundary).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ConnectCommand(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] Guid ProjectId,
    [property: Id(2)] string Platform,
    [property: Id(3)] string PlatformUserId,
    [property: Id(4)] string Handle,
    [property: Id(5)] string? DisplayName,
    [property: Id(6)] string? AvatarUrl,
    [property: Id(7)] IReadOnlyList<string> Scopes,
    [property: Id(8)] StoredTokens Tokens);
