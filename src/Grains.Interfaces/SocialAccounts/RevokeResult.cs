namespace Layers.SocialAccounts;

[GenerateSerializer, Immutable]
public sealed record RevokeResult(
    [property: Id(0)] string SocialAccountId,
    [property: Id(1)] string Status,
    [property: Id(2)] string DisconnectedReason,
    [property: Id(3)] DateTimeOffset DisconnectedAt,
    [property: Id(4)] int CanceledScheduledPosts,
    [property: Id(5)] bool PlatformTokenRevoked);
