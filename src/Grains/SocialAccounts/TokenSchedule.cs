namespace Layers.SocialAccounts;

/// <summary>When a token is refreshed: ahead of expiry, by how much depending on the platform and the token's lifetime.</summary>
public static class TokenSchedule
{
    /// <summary>Instagram refuses to refresh a long-lived token younger than this.</summary>
    public static readonly TimeSpan InstagramMinimumAge = TimeSpan.FromHours(24);

    public static DateTimeOffset NextRefreshAt(string platform, StoredTokens tokens)
    {
        var lifetime = tokens.AccessExpiresAt - tokens.IssuedAt;
        if (platform == PlatformNames.Instagram)
        {
            // Long-lived tokens last about 60 days: renew in their last 10 days (or last quarter when shorter).
            var lead = Min(TimeSpan.FromDays(10), lifetime / 4);
            var earliest = tokens.IssuedAt + InstagramMinimumAge;
            var due = tokens.AccessExpiresAt - lead;
            return due > earliest ? due : earliest;
        }

        // TikTok access tokens live 24 h (sometimes 2 h): renew in the last 2 h, or the last quarter when shorter.
        return tokens.AccessExpiresAt - Min(TimeSpan.FromHours(2), lifetime / 4);
    }

    /// <summary>The pause before trying again after the platform failed the given number of refreshes in a row.</summary>
    public static TimeSpan RetryDelay(int consecutiveFailures) =>
        Min(TimeSpan.FromMinutes(5) * Math.Clamp(consecutiveFailures, 1, 12), TimeSpan.FromHours(1));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
