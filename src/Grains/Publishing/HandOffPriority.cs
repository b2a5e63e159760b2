namespace Layers.Publishing;

/// <summary>
/// Posts due now come first. Every post whose timer is set for its hand-off says when it expects to go; while any
/// such post in this silo is due and not yet handed to its platform, the work that follows hand-offs (storing
/// handles, status polls, outcomes) waits, so that PostgreSQL and the processor serve the hand-offs first. A wait
/// ends when no post is due, or after the longest deferral whatever happens. Times are the process's own clock, as
/// grain timers are.
/// </summary>
public sealed class HandOffPriority : IDisposable
{
    /// <summary>The longest the work after a hand-off is held back, unless configured otherwise.</summary>
    public static readonly TimeSpan DefaultMaxDeferral = TimeSpan.FromSeconds(5);

    /// <summary>A post this late for its hand-off has stalled (its storage failed, say) and no longer holds others back.</summary>
    private static readonly TimeSpan Stalled = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(20);

    private readonly Lock _lock = new();
    private readonly SortedSet<(long DueMs, string PostId)> _expected = [];
    private readonly Dictionary<string, long> _dueByPost = new(StringComparer.Ordinal);
    private readonly Timer _checker;
    private readonly long _maxDeferralMs;
    private TaskCompletionSource? _release;
    private long _waitingSinceMs;

    public HandOffPriority(TimeSpan maxDeferral)
    {
        _maxDeferralMs = (long)maxDeferral.TotalMilliseconds;
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

    /// <summary>The post was handed off (or will not be, for now).</summary>
    public void Done(string postId)
    {
        lock (_lock)
        {
            RemoveLocked(postId);
        }
    }

    /// <summary>Completes at once when no post is due; otherwise once none is, or after the longest deferral.</summary>
    public Task YieldAsync()
    {
        lock (_lock)
        {
            if (!AnyDueLocked(Environment.TickCount64))
            {
                return Task.CompletedTask;
            }

            if (_release is null)
            {
                _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waitingSinceMs = Environment.TickCount64;
                _checker.Change(CheckEvery, CheckEvery);
            }

            return _release.Task;
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
        _release?.TrySetResult();
    }

    private void Check()
    {
        TaskCompletionSource? release = null;
        lock (_lock)
        {
            var now = Environment.TickCount64;
            if (_release is not null && (!AnyDueLocked(now) || now - _waitingSinceMs >= _maxDeferralMs))
            {
                release = _release;
                _release = null;
                _checker.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        release?.TrySetResult();
    }

    private bool AnyDueLocked(long now)
    {
        while (_expected.Count > 0)
        {
            var first = _expected.Min;
            if (now - first.DueMs < (long)Stalled.TotalMilliseconds)
            {
                return first.DueMs <= now;
            }

            RemoveLocked(first.PostId);
        }

        return false;
    }

    private void RemoveLocked(string postId)
    {
        if (_dueByPost.Remove(postId, out var due))
        {
            _expected.Remove((due, postId));
        }
    }
}
