namespace Layers.Leasing;

/// <summary>The commercial rules of leased accounts (API.md §4).</summary>
public static class LeaseTerms
{
    public const long DefaultMonthlyPriceCents = 15_000;
    public const long MaxMonthlyPriceCents = 10_000_000;
    public const int MaxAccountsPerRequest = 50;

    /// <summary>How often an unpaid renewal is tried again.</summary>
    public static readonly TimeSpan RenewalRetryInterval = TimeSpan.FromDays(1);

    /// <summary>How long after its due date an unpaid renewal releases the account.</summary>
    public static readonly TimeSpan RenewalGracePeriod = TimeSpan.FromDays(7);

    /// <summary>The disconnectedReason of an account released because a renewal stayed unpaid.</summary>
    public const string PaymentFailed = "payment_failed";
}
