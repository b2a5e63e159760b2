using System.Globalization;

namespace Layers.Leasing;

/// <summary>
/// Monthly lease periods. Period 0 starts at the assignment; period n starts n months later on the assignment's
/// day-of-month, clamped to the month's last day, at the assignment's time of day, in UTC. Every period is computed
/// from the assignment itself, so a short month never shifts later ones (Jan 31 → Feb 28/29 → Mar 31).
/// </summary>
public static class BillingPeriods
{
    public static DateTimeOffset Start(DateTimeOffset assignedAt, int period)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(period);
        var anchor = assignedAt.UtcDateTime;
        var month = new DateTime(anchor.Year, anchor.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(period);
        var day = Math.Min(anchor.Day, DateTime.DaysInMonth(month.Year, month.Month));
        return new DateTimeOffset(month.AddDays(day - 1) + anchor.TimeOfDay, TimeSpan.Zero);
    }

    /// <summary>The end of period n, which is the start of the next one (exclusive).</summary>
    public static DateTimeOffset End(DateTimeOffset assignedAt, int period) => Start(assignedAt, period + 1);

    /// <summary>The wallet's identifier of one account's charge for the period starting at <paramref name="periodStart"/>.</summary>
    public static string ChargeId(string socialAccountId, DateTimeOffset periodStart) =>
        socialAccountId + ":" + periodStart.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Assignment times are kept to the second, so every period start has the same wire form as its charge id.</summary>
    public static DateTimeOffset Anchor(DateTimeOffset now) =>
        new(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
