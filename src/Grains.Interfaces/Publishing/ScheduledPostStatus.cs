namespace Layers.Publishing;

public static class ScheduledPostStatus
{
    public const string Queued = "queued";
    public const string Publishing = "publishing";
    public const string Draft = "draft";
    public const string Published = "published";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    public static readonly IReadOnlyList<string> All = [Queued, Publishing, Draft, Published, Failed, Canceled];
}
