namespace Layers.OAuth;

/// <summary>A new consent attempt. <see cref="SocialAccountId"/> is set for a reconnect.</summary>
[GenerateSerializer, Immutable]
public sealed record OAuthStart(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] Guid ProjectId,
    [property: Id(2)] string Platform,
    [property: Id(3)] string Purpose,
    [property: Id(4)] string ReturnUrl,
    [property: Id(5)] IReadOnlyList<string> Scopes,
    [property: Id(6)] string? UsageNote,
    [property: Id(7)] string? SocialAccountId,
    [property: Id(8)] string RedirectUri);
