namespace Layers.Benchmarks;

/// <summary>One measured scenario: throughput, latency percentiles and errors, and how it compares to its target.</summary>
public sealed record LoadResult(
    string Scenario, int Requests, int Errors, double Seconds, double PerSecond, double P50Ms, double P95Ms, double P99Ms,
    string? Ceiling = null, double? CeilingPerSecond = null, string? Target = null, bool? Pass = null, string? Note = null,
    double UnitsPerRequest = 1)
{
    public static LoadResult From(string scenario, IReadOnlyList<double> latenciesMs, int errors, double seconds) =>
        new(scenario, latenciesMs.Count + errors, errors, seconds, latenciesMs.Count / Math.Max(seconds, 1e-9),
            Percentile(latenciesMs, 0.50), Percentile(latenciesMs, 0.95), Percentile(latenciesMs, 0.99));

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
