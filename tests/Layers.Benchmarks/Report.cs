using System.Globalization;
using System.Text.Json;

namespace Layers.Benchmarks;

public static class Report
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Print(IReadOnlyList<LoadResult> results)
    {
        Console.WriteLine();
        Console.WriteLine($"{"scenario",-42} {"n",8} {"err",5} {"per s",10} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"ceiling/s",10} {"ratio",6}  target / result");
        foreach (var r in results)
        {
            var ratio = r.CeilingPerSecond is { } c && c > 0 ? (r.PerSecond * r.UnitsPerRequest / c).ToString("P0", CultureInfo.InvariantCulture) : "";
            var verdict = r.Pass is null ? "" : r.Pass.Value ? "pass" : "short";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Scenario,-42} {r.Requests,8} {r.Errors,5} {r.PerSecond,10:F1} {r.P50Ms,8:F1} {r.P95Ms,8:F1} {r.P99Ms,8:F1} {r.CeilingPerSecond,10:F1} {ratio,6}  {r.Target} {verdict}"));
            if (r.Note is not null)
            {
                Console.WriteLine($"{"",-42} {r.Note}");
            }
        }
    }

    public static async Task WriteJsonAsync(string path, IReadOnlyList<LoadResult> results)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { machineCores = Environment.ProcessorCount, at = DateTime.UtcNow, results }, JsonOptions));
        Console.WriteLine($"Results written to {path}");
    }
}
