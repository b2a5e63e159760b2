using System.Collections.Concurrent;
using System.Diagnostics;

namespace Layers.Benchmarks;

/// <summary>Closed-loop load: a fixed number of workers each sending requests back to back for a while.</summary>
public static class Load
{
    /// <summary>
    /// Runs the load for <paramref name="duration"/> and returns what it measured. A <paramref name="warmup"/> runs the
    /// same load first and discards it, so the measured part sees code that has been compiled at its final tier.
    /// </summary>
    public static async Task<(List<double> LatenciesMs, int Errors, double Seconds)> RunAsync(
        string label, int workers, TimeSpan duration, Func<int, long, Task<bool?>> request, Func<bool>? stopWhen = null,
        TimeSpan warmup = default)
    {
        if (warmup > TimeSpan.Zero)
        {
            await MeasureAsync($"{label} (warm-up)", workers, warmup, request, stopWhen);
        }

        return await MeasureAsync(label, workers, duration, request, stopWhen);
    }

    /// <summary>
    /// Measures two loads against each other: after a warm-up of each, they take turns for <paramref name="rounds"/>
    /// rounds of an equal share of <paramref name="duration"/>, and each one's rounds are added up. The machine's speed
    /// drifts over minutes (other tenants, caches, frequency); taking turns lets both loads see the same drift, so their
    /// ratio holds where two measurements one after the other would not.
    /// </summary>
    public static async Task<((List<double> LatenciesMs, int Errors, double Seconds) First, (List<double> LatenciesMs, int Errors, double Seconds) Second)> AlternateAsync(
        (string Label, Func<int, long, Task<bool?>> Request) first, (string Label, Func<int, long, Task<bool?>> Request) second,
        int workers, TimeSpan duration, int rounds, TimeSpan warmup)
    {
        if (warmup > TimeSpan.Zero)
        {
            await MeasureAsync($"{first.Label} (warm-up)", workers, warmup, first.Request, null);
            await MeasureAsync($"{second.Label} (warm-up)", workers, warmup, second.Request, null);
        }

        var turn = duration / rounds;
        (List<double> LatenciesMs, int Errors, double Seconds) a = ([], 0, 0), b = ([], 0, 0);
        for (var round = 1; round <= rounds; round++)
        {
            var x = await MeasureAsync($"{first.Label} ({round}/{rounds})", workers, turn, first.Request, null);
            var y = await MeasureAsync($"{second.Label} ({round}/{rounds})", workers, turn, second.Request, null);
            a = ([.. a.LatenciesMs, .. x.LatenciesMs], a.Errors + x.Errors, a.Seconds + x.Seconds);
            b = ([.. b.LatenciesMs, .. y.LatenciesMs], b.Errors + y.Errors, b.Seconds + y.Seconds);
        }

        return (a, b);
    }

    private static async Task<(List<double> LatenciesMs, int Errors, double Seconds)> MeasureAsync(
        string label, int workers, TimeSpan duration, Func<int, long, Task<bool?>> request, Func<bool>? stopWhen)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var sent = 0L;
        var stopwatch = Stopwatch.StartNew();
        using var progress = new Timer(_ => Console.Write($"\r  {label}: {Interlocked.Read(ref sent)} requests, {stopwatch.Elapsed.TotalSeconds:F0}s   "), null, 1000, 1000);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            while (stopwatch.Elapsed < duration && !(stopWhen?.Invoke() ?? false))
            {
                var n = Interlocked.Increment(ref sent);
                var started = Stopwatch.GetTimestamp();
                bool? ok;
                try
                {
                    ok = await request(worker, n);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Npgsql.NpgsqlException)
                {
                    ok = false;
                }

                if (ok is null)
                {
                    Interlocked.Decrement(ref sent);
                }
                else if (ok.Value)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        Console.WriteLine();
        return ([.. latencies], errors, stopwatch.Elapsed.TotalSeconds);
    }
}
