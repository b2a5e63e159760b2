using System.Globalization;

namespace Layers.Benchmarks;

public sealed record Options(
    string AdminConnectionString, TimeSpan Duration, int Workers, int BurstPosts, int BurstAccounts, int BurstLeadSeconds,
    int RevokePosts, int MemoryPosts, string OutputPath)
{
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

        return new Options(
            pg, TimeSpan.FromSeconds(Number("--seconds", 20)), Number("--workers", 32), Number("--burst", 10_000),
            Number("--burst-accounts", 500), Number("--burst-lead", 120), Number("--revoke-posts", 10_000),
            Number("--memory-posts", 20_000), Value("--out", "artifacts/benchmark-results.json"));
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
