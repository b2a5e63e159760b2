using System.Globalization;

namespace Layers.Benchmarks;

public sealed record Options(
    string AdminConnectionString, TimeSpan Duration, int Workers, int BurstPosts, int BurstAccounts, int BurstLeadSeconds,
    int RevokePosts, int MemoryPosts, string OutputPath, IReadOnlySet<string> Only, int PoolSize, TimeSpan Warmup, int BurstWarmup,
    int QueuedPosts, int QueuedAccounts, int Uploads, long UploadBytes, int SteadyMinutes, int SteadyRate, bool BurstWithQueue,
    bool PlatformsInProcess, bool PgStatements)
{
    /// <summary>The scenarios by name, in the order they run.</summary>
    public static readonly string[] Scenarios = ["oauth", "read", "write", "burst", "revoke", "memory", "queued", "steady", "uploads"];

    /// <summary>Whether the scenario runs (all do unless <c>--only</c> names some).</summary>
    public bool Runs(string scenario) => Only.Count == 0 || Only.Contains(scenario);

    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        int Number(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        var pg = Value("--pg", Environment.GetEnvironmentVariable("LAYERS_TEST_PG_ADMIN") ?? "");
        if (pg.Length == 0)
        {
            throw new ArgumentException("Pass --pg <admin connection string> or run through scripts/bench.sh, which starts PostgreSQL.");
        }

        var only = Value("--only", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (only.Except(Scenarios).FirstOrDefault() is { } unknown)
        {
            throw new ArgumentException($"Unknown scenario {unknown}; --only takes a comma-separated list of {string.Join(", ", Scenarios)}.");
        }

        return new Options(
            pg, TimeSpan.FromSeconds(Number("--seconds", 20)), Number("--workers", 32), Number("--burst", 10_000),
            Number("--burst-accounts", 2_000), Number("--burst-lead", 120), Number("--revoke-posts", 10_000),
            Number("--memory-posts", 20_000), Value("--out", "artifacts/benchmark-results.json"), only,
            Number("--pool-size", 20), TimeSpan.FromSeconds(Number("--warmup", 30)), Number("--burst-warmup", 500),
            Number("--queued", 100_000), Number("--queued-accounts", 10_000), Number("--uploads", 20),
            long.Parse(Value("--upload-bytes", (500L << 20).ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            Number("--steady-minutes", 8), Number("--steady-rate", 10), args.Contains("--burst-with-queue"),
            args.Contains("--platforms-in-process"), args.Contains("--pg-statements"));
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Layers.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }
}
