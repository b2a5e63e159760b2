namespace Layers.Api.Leasing;

public sealed record LeaseNicheBody(string? Vertical, string? Audience, string? Language, List<string?>? Geo);

public sealed record LeaseRequestBody(string? ProjectId, int? Count, LeaseNicheBody? Niche, string? Target, string? Note, string? RequestId);

public sealed record ReleaseLeaseBody(string? Reason);

public sealed record PoolCredentialsBody(string? AccessToken, string? RefreshToken, long? ExpiresIn, long? RefreshExpiresIn, List<string?>? Scopes);

public sealed record AddPoolAccountBody(
    string? Platform, string? Handle, string? DisplayName, string? PlatformUserId, LeaseNicheBody? Niche, PoolCredentialsBody? Credentials);

public sealed record LeasePickBody(string? PoolAccountId, long? MonthlyPriceCents);

public sealed record AssignLeaseBody(List<LeasePickBody?>? Accounts);

public sealed record RejectLeaseBody(string? Reason);
