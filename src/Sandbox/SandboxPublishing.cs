namespace Layers.Sandbox;

/// <summary>
/// One simulated platform's posts: publishes in flight, deliveries, armed failures and metric reads. Processing
/// advances with each status read (first read: still processing; from the second: done; a TikTok video's public id
/// some reads later, after moderation), never with a clock, so
/// tests and trials see the same progression whatever the time. Every step runs under one lock per platform and
/// does only dictionary and list work inside it, so thousands of concurrent publishes stay cheap.
/// </summary>
public sealed class SandboxPublishing
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SandboxPublish> _publishes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxPublish> _posts = new(StringComparer.Ordinal);
    private readonly List<SandboxPublishedPost> _delivered = [];
    private readonly List<SandboxPublishFailure> _armed = [];
    private readonly List<SandboxPublishFailure> _armedComments = [];
    private readonly HashSet<string> _claimedItems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DateTimeOffset>> _apiPublishes = new(StringComparer.Ordinal);
    private long _sequence = Random.Shared.NextInt64(1_000_000_000L, 9_000_000_000L);

    /// <summary>A number never handed out before by this simulator, for ids.</summary>
    public long NextNumber() => Interlocked.Increment(ref _sequence);

    /// <summary>Arms a failure for the next publish of <see cref="SandboxPublishFailure.Handle"/> (or of anyone); returns how many are armed.</summary>
    public int Arm(SandboxPublishFailure failure)
    {
        lock (_lock)
        {
            _armed.Add(failure);
            return _armed.Count;
        }
    }

    /// <summary>Takes the oldest failure armed for <paramref name="handle"/> or for anyone; null when none is.</summary>
    public string? TakeFailure(string handle)
    {
        lock (_lock)
        {
            var index = _armed.FindIndex(f => f.Handle is null || f.Handle == handle);
            if (index < 0)
            {
                return null;
            }

            var code = _armed[index].Code;
            _armed.RemoveAt(index);
            return code;
        }
    }

    /// <summary>Arms a failure for the next comment of <see cref="SandboxPublishFailure.Handle"/> (or of anyone); returns how many are armed.</summary>
    public int ArmComment(SandboxPublishFailure failure)
    {
        lock (_lock)
        {
            _armedComments.Add(failure);
            return _armedComments.Count;
        }
    }

    /// <summary>
    /// Posts a comment under the published post <paramref name="postId"/> of <paramref name="handle"/>: its id, or
    /// null when there is no such post; an armed failure is answered instead (its code).
    /// </summary>
    public (SandboxComment? Comment, string? Failure) Comment(string postId, string handle, string text, Func<string> newId, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_posts.TryGetValue(postId, out var post) || post.Handle != handle)
            {
                return (null, null);
            }

            var index = _armedComments.FindIndex(f => f.Handle is null || f.Handle == handle);
            if (index >= 0)
            {
                var code = _armedComments[index].Code;
                _armedComments.RemoveAt(index);
                return (null, code);
            }

            var comment = new SandboxComment(newId(), text, now);
            post.Comments.Add(comment);
            return (comment, null);
        }
    }

    public void Add(SandboxPublish publish)
    {
        lock (_lock)
        {
            _publishes.Add(publish.Id, publish);
        }
    }

    /// <summary>A publish or container of <paramref name="handle"/>; null for an unknown id or another user's.</summary>
    /// <summary>
    /// Waits, at most <paramref name="within"/>, for the media of <paramref name="id"/> (and of its carousel items) to be
    /// fetched and checked: a platform answers a status read after a short look rather than at once.
    /// </summary>
    public async Task SettleMediaAsync(string id, TimeSpan within)
    {
        List<Task> checks;
        lock (_lock)
        {
            if (!_publishes.TryGetValue(id, out var publish))
            {
                return;
            }

            checks = [.. publish.Children.Select(c => _publishes.GetValueOrDefault(c)?.MediaCheck).Append(publish.MediaCheck).OfType<SandboxMediaCheck>().Select(m => m.Done)];
        }

        if (checks.Count > 0)
        {
            await Task.WhenAny(Task.WhenAll(checks), Task.Delay(within));
        }
    }

    /// <summary>A publish by its id alone (an upload URL names no user).</summary>
    public SandboxPublish? Find(string id)
    {
        lock (_lock)
        {
            return _publishes.GetValueOrDefault(id);
        }
    }

    public SandboxPublish? Find(string id, string handle)
    {
        lock (_lock)
        {
            return _publishes.TryGetValue(id, out var publish) && publish.Handle == handle ? publish : null;
        }
    }

    /// <summary>A delivered post of <paramref name="handle"/> by its post id (TikTok video id, Instagram media id).</summary>
    public SandboxPublish? FindPost(string postId, string handle)
    {
        lock (_lock)
        {
            return _posts.TryGetValue(postId, out var publish) && publish.Handle == handle ? publish : null;
        }
    }

    /// <summary>
    /// The carousel items named by <paramref name="ids"/>, claimed for one carousel: each must be a carousel item of
    /// <paramref name="handle"/> not yet used by another carousel. Null when one is not.
    /// </summary>
    public IReadOnlyList<SandboxPublish>? ClaimCarouselItems(IReadOnlyList<string> ids, string handle)
    {
        lock (_lock)
        {
            var items = new List<SandboxPublish>(ids.Count);
            foreach (var id in ids)
            {
                if (!_publishes.TryGetValue(id, out var item) || item.Handle != handle || !item.IsCarouselItem
                    || _claimedItems.Contains(id) || items.Any(i => i.Id == id))
                {
                    return null;
                }

                items.Add(item);
            }

            foreach (var id in ids)
            {
                _claimedItems.Add(id);
            }

            return items;
        }
    }

    /// <summary>
    /// TikTok status fetch: <c>PROCESSING_DOWNLOAD</c> on the first read; then <c>FAILED</c> with the armed
    /// <c>fail_reason</c>, or <c>SEND_TO_USER_INBOX</c>, or <c>PUBLISH_COMPLETE</c>, the delivery being recorded the
    /// first time. A published post gets its id then, but TikTok shows it (<c>publicaly_available_post_id</c>) only
    /// once moderation has passed, <see cref="SandboxPublish.ModerationReads"/> reads later; until then the id is
    /// null here and the video unknown to <see cref="FindPost"/>. Null for an unknown publish or another user's.
    /// </summary>
    /// <summary>What the platform found wrong with the media it fetched or received; null when nothing (or not yet known).</summary>
    private static string? MediaFailure(SandboxPublish publish) =>
        (publish.Upload?.Checked ?? publish.MediaCheck)?.Failure;

    public (string Status, string? FailReason, string? PostId)? TikTokStatus(string publishId, string handle, Func<string> newPostId, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_publishes.TryGetValue(publishId, out var publish) || publish.Handle != handle)
            {
                return null;
            }

            if (publish.Upload is { Checked.IsDone: false })
            {
                return ("PROCESSING_UPLOAD", null, null);
            }

            if (publish.MediaCheck is { IsDone: false })
            {
                return ("PROCESSING_DOWNLOAD", null, null);
            }

            publish.Checks++;
            if (publish.Checks == 1)
            {
                return (publish.Upload is null ? "PROCESSING_DOWNLOAD" : "PROCESSING_UPLOAD", null, null);
            }

            if ((publish.FailCode ?? MediaFailure(publish)) is { } failure)
            {
                return ("FAILED", failure, null);
            }

            if (publish.ToInbox)
            {
                if (!publish.Delivered)
                {
                    RecordDeliveryLocked(publish, publish.Id, now);
                    _posts[publish.Id] = publish;
                }

                return ("SEND_TO_USER_INBOX", null, null);
            }

            if (!publish.Delivered)
            {
                publish.PostId = newPostId();
                RecordDeliveryLocked(publish, publish.PostId, now);
            }

            // The second read completes the post; the id shows after as many further reads as moderation takes.
            if (publish.Checks - 2 < publish.ModerationReads)
            {
                return ("PUBLISH_COMPLETE", null, null);
            }

            _posts.TryAdd(publish.PostId!, publish);
            return ("PUBLISH_COMPLETE", null, publish.PostId);
        }
    }

    /// <summary>
    /// Instagram container status: <c>PUBLISHED</c> once published, <c>EXPIRED</c> once expired; otherwise
    /// <c>IN_PROGRESS</c> on the first read and <c>FINISHED</c> (or <c>ERROR</c> with the armed code, its own or an
    /// item's) from the second. Image carousel items are ready at once. Null for an unknown container or another user's.
    /// </summary>
    public (string StatusCode, string? ErrorCode)? InstagramStatus(string containerId, string handle)
    {
        lock (_lock)
        {
            if (!_publishes.TryGetValue(containerId, out var container) || container.Handle != handle)
            {
                return null;
            }

            if (container.Delivered)
            {
                return ("PUBLISHED", null);
            }

            if (container.Expired)
            {
                return ("EXPIRED", null);
            }

            if (container.MediaCheck is { IsDone: false } || container.Children.Any(c => _publishes.TryGetValue(c, out var item) && item.MediaCheck is { IsDone: false }))
            {
                return ("IN_PROGRESS", null);
            }

            container.Checks++;
            var failure = FailureLocked(container);
            if (container.Checks == 1 && !(container.IsCarouselItem && container.Kind == "IMAGE"))
            {
                return ("IN_PROGRESS", null);
            }

            return failure is null ? ("FINISHED", null) : ("ERROR", failure);
        }
    }

    /// <summary>
    /// Instagram <c>media_publish</c>: publishes a finished container once and records the delivery, unless
    /// <paramref name="handle"/> already published <paramref name="quota"/> posts within <paramref name="window"/>
    /// before <paramref name="now"/> (checked and counted in one step, so concurrent publishes cannot overshoot). The
    /// outcome says why not otherwise.
    /// </summary>
    public (SandboxMediaPublishOutcome Outcome, string? MediaId) InstagramPublish(
        string containerId, string handle, Func<string> newMediaId, DateTimeOffset now, int quota, TimeSpan window)
    {
        lock (_lock)
        {
            if (!_publishes.TryGetValue(containerId, out var container) || container.Handle != handle)
            {
                return (SandboxMediaPublishOutcome.NotFound, null);
            }

            if (container.IsCarouselItem)
            {
                return (SandboxMediaPublishOutcome.CarouselItem, null);
            }

            if (container.Delivered)
            {
                return (SandboxMediaPublishOutcome.AlreadyPublished, container.PostId);
            }

            if (container.Expired)
            {
                return (SandboxMediaPublishOutcome.Expired, null);
            }

            if (container.Checks < 2 || FailureLocked(container) is not null)
            {
                return (SandboxMediaPublishOutcome.NotReady, null);
            }

            if (PublishedSinceLocked(handle, now - window) >= quota)
            {
                return (SandboxMediaPublishOutcome.QuotaReached, null);
            }

            if (!_apiPublishes.TryGetValue(handle, out var published))
            {
                published = [];
                _apiPublishes[handle] = published;
            }

            // Nothing asks about publishes older than the window, so they are forgotten here.
            published.RemoveAll(at => at <= now - window);
            published.Add(now);
            container.PostId = newMediaId();
            RecordDeliveryLocked(container, container.PostId, now);
            _posts[container.PostId] = container;
            return (SandboxMediaPublishOutcome.Published, container.PostId);
        }
    }

    /// <summary>How many posts <paramref name="handle"/> published through <c>media_publish</c> after <paramref name="since"/>.</summary>
    public int PublishedSince(string handle, DateTimeOffset since)
    {
        lock (_lock)
        {
            return PublishedSinceLocked(handle, since);
        }
    }

    /// <summary>Expires an unpublished container; false when there is no such container or it is already published.</summary>
    public bool Expire(string containerId)
    {
        lock (_lock)
        {
            if (!_publishes.TryGetValue(containerId, out var container) || container.Delivered)
            {
                return false;
            }

            container.Expired = true;
            return true;
        }
    }

    /// <summary>Counts a metric read of a delivered post of <paramref name="handle"/>; returns the count so far, or null.</summary>
    public int? ReadMetrics(string postId, string handle)
    {
        lock (_lock)
        {
            if (!_posts.TryGetValue(postId, out var post) || post.Handle != handle)
            {
                return null;
            }

            return ++post.MetricQueries;
        }
    }

    /// <summary>Every delivery, in order, optionally only those of <paramref name="handle"/>.</summary>
    public IReadOnlyList<SandboxPublishedPost> Deliveries(string? handle)
    {
        lock (_lock)
        {
            return [.. _delivered.Where(d => handle is null || d.Handle == handle).Select(d =>
                _posts.TryGetValue(d.Id, out var post) && post.Comments.Count > 0 ? d with { Comments = [.. post.Comments] } : d)];
        }
    }

    /// <summary>The publishes of <paramref name="handle"/> after <paramref name="since"/>; the quota keeps that to a few dozen, so a scan will do.</summary>
    private int PublishedSinceLocked(string handle, DateTimeOffset since) =>
        _apiPublishes.TryGetValue(handle, out var published) ? published.Count(at => at > since) : 0;

    private string? FailureLocked(SandboxPublish container) =>
        container.FailCode ?? MediaFailure(container)
        ?? container.Children.Select(c => _publishes.TryGetValue(c, out var item) ? item.FailCode ?? MediaFailure(item) : null).FirstOrDefault(c => c is not null);

    /// <summary>
    /// Marks the post delivered and lists it for the control endpoint, once. Whether its id can be looked up
    /// (<see cref="FindPost"/>) is the caller's decision: a TikTok video only once moderation has passed.
    /// </summary>
    private void RecordDeliveryLocked(SandboxPublish publish, string postId, DateTimeOffset now)
    {
        publish.Delivered = true;
        _delivered.Add(new SandboxPublishedPost(
            postId, publish.Id, publish.Handle, publish.PlatformUserId, publish.Mode, publish.Caption, publish.Assets, now, publish.ReceivedAt,
            publish.Received));
    }
}
