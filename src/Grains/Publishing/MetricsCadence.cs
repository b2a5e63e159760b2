namespace Layers.Publishing;

/// <summary>Metrics are synced often while a post is fresh, then less: every 15 min for 6 h, hourly to 48 h, daily to 30 days.</summary>
public static class MetricsCadence
{
    public static DateTimeOffset? Next(DateTimeOffset publishedAt, DateTimeOffset now)
    {
        var age = now - publishedAt;
        var step = age < TimeSpan.FromHours(6) ? TimeSpan.FromMinutes(15)
            : age < TimeSpan.FromHours(48) ? TimeSpan.FromHours(1)
            : TimeSpan.FromDays(1);
        var next = now + step;
        return next - publishedAt > TimeSpan.FromDays(30) ? null : next;
    }
}
