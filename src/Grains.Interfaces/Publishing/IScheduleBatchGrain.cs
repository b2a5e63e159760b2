namespace Layers.Publishing;

/// <summary>
/// One schedule request, keyed by its first post's id: checks every target (accounts, modes, media, options against
/// each creator), then makes all of its posts or none, durably. The batch is stored before any post is made and
/// deleted once the request is finished; the wake-up of due posts resumes a batch that a crash cut short
/// (<see cref="IDuePostsGrain.ResumeUnfinishedBatchesAsync"/>), so a request leaves either all of its posts or none.
/// </summary>
[Alias("Layers.IScheduleBatchGrain")]
public interface IScheduleBatchGrain : IGrainWithStringKey
{
    /// <summary>
    /// Schedules the content to every target. <c>NOT_FOUND</c> for unknown content or accounts of another project,
    /// <c>CONFLICT</c> for disconnected accounts or a post id that exists, <c>MODE_NOT_SUPPORTED</c>, and
    /// <c>VALIDATION</c> naming every problem of media and options at once; nothing is made then.
    /// </summary>
    [Alias("Schedule")]
    Task<IReadOnlyList<ScheduledPostView>> ScheduleAsync(ScheduleCommand command);

    /// <summary>Finishes a batch cut short (makes its missing posts, or takes back a rejected one); nothing once it is finished.</summary>
    [Alias("Resume")]
    Task ResumeAsync();
}
