using Layers.Platforms;

namespace Layers.SocialAccounts;

/// <summary>
/// One account token's calls to its platform, paced under the platform's documented per-token limits (sliding
/// windows), and paused where the platform refused for a limit. An account grain owns one, so the pace holds across
/// the cluster; it lives in memory, and after a reactivation the platform's own refusals pause it again.
/// </summary>
internal sealed class CallPacer
{
    /// <summary>Room for clocks and networks that disagree: a window is held this much longer than documented.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, Queue<DateTimeOffset>> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _pausedUntil = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts a call of kind <paramref name="call"/> made at <paramref name="now"/> when the limit allows it and
    /// returns null; otherwise counts nothing and returns when a call may be made.
    /// </summary>
    public DateTimeOffset? TryTake(string call, CallLimit? limit, DateTimeOffset now)
    {
        if (_pausedUntil.TryGetValue(call, out var paused))
        {
            if (now < paused)
            {
                return paused;
            }

            _pausedUntil.Remove(call);
        }

        if (limit is null)
        {
            return null;
        }

        if (!_calls.TryGetValue(call, out var made))
        {
            _calls[call] = made = new Queue<DateTimeOffset>(limit.Calls);
        }

        var window = limit.Window + Margin;
        while (made.Count > 0 && made.Peek() <= now - window)
        {
            made.Dequeue();
        }

        if (made.Count >= limit.Calls)
        {
            return made.Peek() + window;
        }

        made.Enqueue(now);
        return null;
    }

    /// <summary>No call of kind <paramref name="call"/> before <paramref name="until"/>.</summary>
    public void Pause(string call, DateTimeOffset until)
    {
        if (!_pausedUntil.TryGetValue(call, out var current) || current < until)
        {
            _pausedUntil[call] = until;
        }
    }
}
