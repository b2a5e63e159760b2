namespace Layers.ApiKeys;

[GenerateSerializer]
public sealed class ApiKeyState
{
    [Id(0)] public string? OrganizationId { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public string TokenKeyId { get; set; } = "";
    [Id(3)] public byte[] SecretHash { get; set; } = [];
    [Id(4)] public List<string> Scopes { get; set; } = [];
    [Id(5)] public List<string> AllowedReturnDomains { get; set; } = [];
    [Id(6)] public string RateLimitTier { get; set; } = ApiKeys.RateLimitTier.Standard;
    [Id(7)] public bool Revoked { get; set; }
    [Id(8)] public DateTimeOffset CreatedAt { get; set; }
    [Id(9)] public DateTimeOffset? RevokedAt { get; set; }
}
