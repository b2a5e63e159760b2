namespace Layers.Api.SocialAccounts;

public sealed record OAuthUrlRequest(string? Platform, string? ReturnUrl, string? UsageNote, List<string?>? Scopes);

public sealed record ReauthUrlRequest(string? SocialAccountId, string? ReturnUrl, List<string?>? Scopes);
