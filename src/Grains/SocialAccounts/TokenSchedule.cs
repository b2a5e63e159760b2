namespace Layers.SocialAccounts;

/// <summary>How a refresh the platform failed is tried again (when tokens are due is each platform module's: <c>IPlatformClient.RefreshAt</c>).</summary>
public static class TokenSchedule
{
    /// <summary>The pause before trying again after the platform failed the given number of refreshes in a row.</summary>
    public static TimeSpan RetryDelay(int consecutiveFailures) =>
        Min(TimeSpan.FromMinutes(5) * Math.Clamp(consecutiveFailures, 1, 12), TimeSpan.FromHours(1));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
