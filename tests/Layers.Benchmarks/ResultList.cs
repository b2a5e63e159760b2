using System.Globalization;

namespace Layers.Benchmarks;

/// <summary>The results so far; each is printed the moment it is measured, so a later failure loses nothing.</summary>
public sealed class ResultList : List<LoadResult>
{
    public new void Add(LoadResult result)
    {
        base.Add(result);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  => {result.Scenario}: {result.PerSecond:F1}/s, p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms, errors {result.Errors}, ceiling {result.CeilingPerSecond:F1}/s {result.Note}"));
    }
}
