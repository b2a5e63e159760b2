using Layers.Security;
using Layers.SocialAccounts;

namespace Layers.Leasing;

/// <summary>How a pool account's platform credentials are stored: encrypted and bound to the pool account's id.</summary>
public static class PoolCredentials
{
    /// <summary>The associated data that binds a credential to its pool account (a copy in another row does not decrypt).</summary>
    public static string Purpose(string poolAccountId, string kind) => $"{poolAccountId}:{kind}";

    /// <summary>Encrypts credentials an operator hands over; lifetimes count from <paramref name="now"/>.</summary>
    public static StoredTokens Seal(
        ISecretProtector protector, string poolAccountId, string accessToken, long expiresInSeconds, string refreshToken,
        long refreshExpiresInSeconds, DateTimeOffset now) =>
        new(
            protector.Protect(accessToken, Purpose(poolAccountId, "access")),
            now.AddSeconds(expiresInSeconds),
            protector.Protect(refreshToken, Purpose(poolAccountId, "refresh")),
            now.AddSeconds(refreshExpiresInSeconds),
            now);
}
