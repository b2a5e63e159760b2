using Layers.Platforms;
using Layers.SocialAccounts;
using Microsoft.Extensions.Logging;

namespace Layers.Publishing;

/// <summary>
/// What follows a published post: its metrics, read on a tapering cadence, and the content's first comment.
/// </summary>
internal sealed partial class ScheduledPostGrain
{
    public async Task SyncMetricsAsync()
    {
        if (!Stored.RecordExists || S.Status != ScheduledPostStatus.Published || S.ExternalId is null || S.PublishedAt is null
            || S.MetricsUnavailable is not null || Stopping.IsCancellationRequested)
        {
            return;
        }

        var credentials = await Account.GetCredentialsAsync();
        var now = time.GetUtcNow();
        if (credentials.Status == SocialAccountStatus.Disconnected || Decrypt(credentials) is not { } token)
        {
            // A revoked account's posts keep their last metrics and are not synced again.
            S.NextMetricsAt = null;
            await WriteAsync();
            DeactivateOnIdle();
            return;
        }

        try
        {
            var metrics = await platforms.Get(S.Platform).GetMetricsAsync(token, S.ExternalId, Stopping);
            S.Metrics = new PostMetricsView(metrics.Views, metrics.Likes, metrics.Comments, metrics.Shares, now);
        }
        catch (PlatformException e)
        {
            LogMetricsFailed(logger, Id, e.PlatformCode);
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
            // The service is stopping: the read is due still, and the listing wakes the post for it after the restart.
            return;
        }

        S.NextMetricsAt = MetricsCadence.Next(S.PublishedAt.Value, now);
        await WriteAsync();
        await KeepFollowUpWakeableAsync(now);

        // The next read is at least a quarter of an hour away: the post waits as its stored state and listing row.
        if (!S.AwaitingPublicId && _timer is null)
        {
            DeactivateOnIdle();
        }
    }

    /// <summary>
    /// Posts the container's first comment under the post once it is live, once: the attempt is stored before the call,
    /// and whatever happens the post stays published.
    /// </summary>
    private async Task PostFirstCommentAsync(string token, IReadOnlyList<string>? scopes)
    {
        if (S.FirstComment?.Status != FirstCommentView.Pending || S.FirstCommentText is not { } message)
        {
            return;
        }

        if (S.Status != ScheduledPostStatus.Published || S.ExternalId is not { } mediaId || mediaId == S.Handle?.Id)
        {
            await SettleFirstCommentAsync(null, S.Status == ScheduledPostStatus.Published ? "post_id_unknown" : "not_published");
            return;
        }

        if (scopes is not null && Platform.FeatureScopes.TryGetValue(PlatformFeatures.Comments, out var needed) && !needed.All(scopes.Contains))
        {
            await SettleFirstCommentAsync(null, ScopeMissing);
            return;
        }

        S.FirstCommentSent = true;
        await WriteAsync();
        try
        {
            var commentId = await Platform.PostCommentAsync(token, mediaId, message, CancellationToken.None);
            await SettleFirstCommentAsync(commentId, commentId is null ? "not_supported" : null);
        }
        catch (Exception e) when (e is PlatformException or HttpRequestException or TaskCanceledException or TimeoutException)
        {
            LogFirstCommentFailed(logger, Id, (e as PlatformException)?.PlatformCode);
            await SettleFirstCommentAsync(null, (e as PlatformException)?.PlatformCode ?? "platform_unreachable");
        }
    }

    /// <summary>A post that will not go live takes its comment with it.</summary>
    private void EndPendingFirstComment()
    {
        if (S.FirstComment?.Status == FirstCommentView.Pending)
        {
            S.FirstComment = new FirstCommentView(FirstCommentView.Failed, null, "post_not_published");
        }
    }

    private async Task SettleFirstCommentAsync(string? commentId, string? error)
    {
        S.FirstComment = commentId is not null
            ? new FirstCommentView(FirstCommentView.Posted, commentId, null)
            : new FirstCommentView(FirstCommentView.Failed, null, error);
        await WriteAsync();
    }

    /// <summary>
    /// The listing row (its <c>follow_up_at</c>, <see cref="FollowUpAt"/>) wakes a published post for what follows it:
    /// its next metrics read, or the public id its platform has not given yet (<see cref="IDuePostsGrain"/>). Should that
    /// row not have been written, a reminder of the post's own stands in until it is; a reminder left over goes at its
    /// next tick (<see cref="ReceiveReminder"/>).
    /// </summary>
    private async Task KeepFollowUpWakeableAsync(DateTimeOffset now)
    {
        if (FollowUpAt is { } next && S.ListingPending)
        {
            var due = next - now > ReminderPeriod ? next - now : ReminderPeriod;
            await RegisterReminderAsync(due, due);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "First comment of post {ScheduledPostId} not posted ({PlatformCode}); the post stays published")]
    private static partial void LogFirstCommentFailed(ILogger logger, string scheduledPostId, string? platformCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics of post {ScheduledPostId} not synced ({PlatformCode})")]
    private static partial void LogMetricsFailed(ILogger logger, string scheduledPostId, string? platformCode);
}
