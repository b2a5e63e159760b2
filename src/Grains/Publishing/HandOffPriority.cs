using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Layers.Publishing;

/// <summary>
/// Posts due now come first. Every post whose timer is set for its hand-off says when it expects to go; while any
/// such post in this silo is due and not yet handed to its platform, the work that follows hand-offs (storing
/// handles, status polls, outcomes) waits, so that PostgreSQL and the processor serve the hand-offs first. Background
/// work (the wake-up's published posts, public id reads) waits longer: also while a post handed to its platform has
/// yet to store its answer, which is what shows it taken up, and from a little ahead of a post's due time
/// (<see cref="DefaultBackgroundLead"/>), so that the background calls already under way have ended when it falls
/// due rather than sharing PostgreSQL and the processor with its hand-off and its answer. A wait ends when nothing
/// holds it, or after the longest deferral whatever happens. Times are the process's own clock, as grain timers are.
/// </summary>
public sealed partial class HandOffPriority : IDisposable
{
    /// <summary>The longest the work after a hand-off is held back, unless configured otherwise.</summary>
    public static readonly TimeSpan DefaultMaxDeferral = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How far ahead of a post's due time background work stops starting: long enough for the calls under way to end
    /// (after a restart the wake-up keeps dozens in flight, each bringing a post back from storage, and they took
    /// about a second and a half to clear).
    /// </summary>
    public static readonly TimeSpan DefaultBackgroundLead = TimeSpan.FromSeconds(2);

    /// <summary>A post this late for its hand-off has stalled (its storage failed, say) and no longer holds others back.</summary>
    private static readonly TimeSpan Stalled = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(20);

    private readonly Lock _lock = new();
    private readonly SortedSet<(long DueMs, string PostId)> _expected = [];
    private readonly Dictionary<string, long> _dueByPost = new(StringComparer.Ordinal);

    /// <summary>Posts handed to their platform whose answer is not stored yet, with when they were handed over.</summary>
    private readonly Dictionary<string, long> _storing = new(StringComparer.Ordinal);
    private readonly Timer _checker;
    private readonly long _maxDeferralMs;
    private readonly long _backgroundLeadMs;
    private readonly ILogger _logger;
    private Wait? _afterHandOffs;
    private Wait? _background;

    public HandOffPriority(TimeSpan maxDeferral, ILogger<HandOffPriority>? logger = null, TimeSpan? backgroundLead = null)
    {
        _maxDeferralMs = (long)maxDeferral.TotalMilliseconds;
        _backgroundLeadMs = (long)(backgroundLead ?? DefaultBackgroundLead).TotalMilliseconds;
        _logger = logger ?? NullLogger<HandOffPriority>.Instance;
        _checker = new Timer(_ => Check(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The post's timer will hand it off after <paramref name="delay"/>.</summary>
    public void Expect(string postId, TimeSpan delay)
    {
        var due = Environment.TickCount64 + (long)Math.Max(0, delay.TotalMilliseconds);
        lock (_lock)
        {
            RemoveLocked(postId);
            _expected.Add((due, postId));
            _dueByPost[postId] = due;
        }
    }

    /// <summary>The post was handed to its platform; storing the answer is still to come (<see cref="Done"/>).</summary>
    public void HandedOff(string postId)
    {
        lock (_lock)
        {
            RemoveLocked(postId);
            _storing[postId] = Environment.TickCount64;
        }
    }

    /// <summary>The post's hand-off and what it stores of it are over (or it will not be handed off, for now).</summary>
    public void Done(string postId)
    {
        lock (_lock)
        {
            RemoveLocked(postId);
            _storing.Remove(postId);
        }
    }

    /// <summary>
    /// For the work that follows a hand-off: completes at once when no post is due; otherwise once none is, or after
    /// the longest deferral.
    /// </summary>
    public Task YieldAsync()
    {
        lock (_lock)
        {
            return WaitLocked(ref _afterHandOffs, HoldsAfterHandOffsLocked(Environment.TickCount64));
        }
    }

    /// <summary>
    /// For background work: completes at once when no post is due or about to be (within the background lead) and
    /// every post handed off has stored its answer; otherwise once that holds, or after the longest deferral.
    /// </summary>
    public Task YieldToHandOffsAsync()
    {
        lock (_lock)
        {
            return WaitLocked(ref _background, HoldsBackgroundLocked(Environment.TickCount64));
        }
    }

    /// <summary>How many posts are expected (due or not); for tests and diagnostics.</summary>
    public int Expected
    {
        get
        {
            lock (_lock)
            {
                return _expected.Count;
            }
        }
    }

    public void Dispose()
    {
        _checker.Dispose();
        _afterHandOffs?.Release.TrySetResult();
        _background?.Release.TrySetResult();
    }

    private Task WaitLocked(ref Wait? wait, bool held)
    {
        if (!held)
        {
            return Task.CompletedTask;
        }

        if (wait is null)
        {
            wait = new Wait(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), Environment.TickCount64);
            _checker.Change(CheckEvery, CheckEvery);
        }

        return wait.Release.Task;
    }

    private void Check()
    {
        TaskCompletionSource? afterHandOffs = null;
        TaskCompletionSource? background = null;
        lock (_lock)
        {
            var now = Environment.TickCount64;
            if (_afterHandOffs is { } first && Ends(first, "after hand-offs", HoldsAfterHandOffsLocked(now), now))
            {
                afterHandOffs = first.Release;
                _afterHandOffs = null;
            }

            if (_background is { } second && Ends(second, "background", HoldsBackgroundLocked(now), now))
            {
                background = second.Release;
                _background = null;
            }

            if (_afterHandOffs is null && _background is null)
            {
                _checker.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        afterHandOffs?.TrySetResult();
        background?.TrySetResult();
    }

    /// <summary>
    /// Whether a wait ends now: nothing holds it, or it has been held the longest deferral. A wait held a second or
    /// more is logged (at debug level) with what held it at its last check.
    /// </summary>
    private bool Ends(Wait wait, string kind, bool held, long now)
    {
        var heldMs = now - wait.SinceMs;
        var deferredLongest = heldMs >= _maxDeferralMs;
        var ends = !held || deferredLongest;
        if (!_logger.IsEnabled(LogLevel.Debug))
        {
            return ends;
        }

        if (held)
        {
            var (firstDue, firstDueId) = _expected.Count > 0 ? _expected.Min : (now, "-");
            var (oldestId, oldestSince) = _storing.Count > 0 ? _storing.MinBy(p => p.Value) : new KeyValuePair<string, long>("-", now);
            wait.HeldBy = new Holders(_expected.Count(e => e.DueMs <= now), firstDueId, now - firstDue, _storing.Count, oldestId, now - oldestSince);
        }

        if (ends && heldMs >= 1000 && wait.HeldBy is { } by)
        {
            LogHeld(_logger, kind, heldMs, deferredLongest, by.Due, by.FirstDueId, by.FirstDueLateMs, by.Storing,
                by.OldestStoringId, by.OldestStoringMs);
        }

        return ends;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The {Kind} wait ended after {HeldMs} ms (the longest deferral: {DeferredLongest}); last held by {Due} posts due (the first {FirstDueId}, {FirstDueLateMs} ms past its time) and {Storing} storing their answers (the oldest {OldestStoringId}, for {OldestStoringMs} ms)")]
    private static partial void LogHeld(ILogger logger, string kind, long heldMs, bool deferredLongest, int due, string firstDueId, long firstDueLateMs, int storing, string oldestStoringId, long oldestStoringMs);

    private bool HoldsAfterHandOffsLocked(long now) => AnyDueLocked(now, now);

    private bool HoldsBackgroundLocked(long now) => AnyDueLocked(now, now + _backgroundLeadMs) || AnyStoringLocked(now);

    /// <summary>Whether a post handed off is still storing its answer; one at it this long has stalled and counts no more.</summary>
    private bool AnyStoringLocked(long now)
    {
        foreach (var (postId, since) in _storing)
        {
            if (now - since < (long)Stalled.TotalMilliseconds)
            {
                return true;
            }

            _storing.Remove(postId);
        }

        return false;
    }

    /// <summary>Whether a post is due by <paramref name="by"/>; one overdue this long at <paramref name="now"/> has stalled and counts no more.</summary>
    private bool AnyDueLocked(long now, long by)
    {
        while (_expected.Count > 0)
        {
            var first = _expected.Min;
            if (now - first.DueMs < (long)Stalled.TotalMilliseconds)
            {
                return first.DueMs <= by;
            }

            RemoveLocked(first.PostId);
        }

        return false;
    }

    private sealed record Wait(TaskCompletionSource Release, long SinceMs)
    {
        /// <summary>What held the wait at its last check (kept only when debug logging is on).</summary>
        public Holders? HeldBy { get; set; }
    }

    private sealed record Holders(int Due, string FirstDueId, long FirstDueLateMs, int Storing, string OldestStoringId, long OldestStoringMs);

    private void RemoveLocked(string postId)
    {
        if (_dueByPost.Remove(postId, out var due))
        {
            _expected.Remove((due, postId));
        }
    }
}
