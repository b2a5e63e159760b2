namespace Layers.OAuth;

[GenerateSerializer]
public sealed class OAuthSessionState
{
    [Id(0)] public string? OrganizationId { get; set; }
    [Id(1)] public Guid ProjectId { get; set; }
    [Id(2)] public string Platform { get; set; } = "";
    [Id(3)] public string Purpose { get; set; } = OAuthPurpose.Connect;
    [Id(4)] public string ReturnUrl { get; set; } = "";
    [Id(5)] public List<string> Scopes { get; set; } = [];
    [Id(6)] public string? UsageNote { get; set; }
    [Id(7)] public string? SocialAccountId { get; set; }
    [Id(8)] public string RedirectUri { get; set; } = "";
    [Id(9)] public DateTimeOffset CreatedAt { get; set; }
    [Id(10)] public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Set, and stored, before the code is exchanged: a state is used once, whatever happens next.</summary>
    [Id(11)] public bool Used { get; set; }

    [Id(12)] public string Status { get; set; } = OAuthSessionStatus.Pending;
    [Id(13)] public OAuthError? Error { get; set; }
    [Id(14)] public DateTimeOffset? CompletedAt { get; set; }
}
