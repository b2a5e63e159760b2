using Layers.SocialAccounts;

namespace Layers.Leasing;

/// <summary>One warmed account in the pool's state.</summary>
[GenerateSerializer]
public sealed class PoolEntry
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string Handle { get; set; } = "";
    [Id(2)] public string? DisplayName { get; set; }
    [Id(3)] public string PlatformUserId { get; set; } = "";
    [Id(4)] public LeaseNiche Niche { get; set; } = new("", null, null, []);
    [Id(5)] public List<string> Scopes { get; set; } = [];

    /// <summary>The newest credentials, encrypted for this pool account (see LeasedPoolGrain.CredentialPurpose).</summary>
    [Id(6)] public StoredTokens? Credentials { get; set; }

    [Id(7)] public string Status { get; set; } = PoolAccountStatus.Available;
    [Id(8)] public string? LeaseRequestId { get; set; }
    [Id(9)] public string? SocialAccountId { get; set; }
    [Id(10)] public DateTimeOffset? BoundAt { get; set; }
    [Id(11)] public DateTimeOffset AddedAt { get; set; }
    [Id(12)] public int TimesLeased { get; set; }
}
