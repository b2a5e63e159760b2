using System.Globalization;
using System.Text;
using Npgsql;

namespace Layers.Benchmarks;

/// <summary>
/// Where a measured load's time goes: processor time of the service and of PostgreSQL (all of its processes) over the
/// load, and, when the server loads pg_stat_statements (<c>--pg-statements</c>), the statements that took it.
/// </summary>
public sealed class CostProbe(string connectionString, int servicePid, bool statements)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    private double _serviceStart;
    private PostgresTimes _postgresStart = PostgresTimes.Empty;

    public async Task StartAsync()
    {
        if (statements)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection);
            await create.ExecuteNonQueryAsync();
            await using var reset = new NpgsqlCommand("SELECT pg_stat_statements_reset()", connection);
            await reset.ExecuteNonQueryAsync();
        }

        _serviceStart = CpuSeconds(servicePid);
        _postgresStart = PostgresTimes.Read();
    }

    /// <summary>Processor milliseconds per request of each side since <see cref="StartAsync"/>; the statements go to a file.</summary>
    public async Task<string> StopAsync(long requests, string label)
    {
        double PerRequest(double seconds) => seconds * 1000 / Math.Max(1, requests);
        var service = PerRequest(CpuSeconds(servicePid) - _serviceStart);
        var (clients, background) = PostgresTimes.Read().Since(_postgresStart);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"processor per request: service {service:F2} ms, PostgreSQL {PerRequest(clients):F2} ms serving it " +
            $"+ {PerRequest(background):F2} ms of its own (autovacuum, checkpoints, WAL)");
        if (statements)
        {
            var path = Path.Combine("artifacts", $"pg-statements-{label}.tsv");
            Directory.CreateDirectory("artifacts");
            await File.WriteAllTextAsync(path, await TopStatementsAsync(requests));
            summary += $"; statements in {path}";
        }

        return summary;
    }

    private async Task<string> TopStatementsAsync(long requests)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT calls, total_exec_time, rows, shared_blks_hit, shared_blks_read, shared_blks_dirtied, left(regexp_replace(query, '\s+', ' ', 'g'), 160)
            FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder("calls\tms per request\tms per call\trows per call\tblocks hit per call\tread per call\tdirtied per call\tquery\n");
        while (await reader.ReadAsync())
        {
            var calls = Math.Max(1, reader.GetInt64(0));
            text.Append(CultureInfo.InvariantCulture,
                $"{calls}\t{reader.GetDouble(1) / Math.Max(1, requests):F3}\t{reader.GetDouble(1) / calls:F3}\t{reader.GetInt64(2) / (double)calls:F1}\t" +
                $"{reader.GetInt64(3) / (double)calls:F1}\t{reader.GetInt64(4) / (double)calls:F2}\t{reader.GetInt64(5) / (double)calls:F2}\t{reader.GetString(6)}\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// Samples, every 100 ms until disposed, the processor seconds used so far by the service, TikTok's process and
    /// PostgreSQL, and by the whole machine (from <c>/proc/stat</c>), so that a short event's processor can be read
    /// afterwards between any two moments (see <see cref="ProcessorSamples.Between"/>).
    /// </summary>
    public static ProcessorSamples Sample(int servicePid, int? platformsPid) => new(servicePid, platformsPid);

    public sealed class ProcessorSamples : IAsyncDisposable
    {
        private readonly bool _platformsApart;
        private readonly List<(DateTimeOffset At, double Service, double Platforms, PostgresTimes Postgres, double Machine)> _samples = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _sampling;

        internal ProcessorSamples(int servicePid, int? platformsPid)
        {
            _platformsApart = platformsPid is not null;
            _sampling = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
                do
                {
                    var sample = (DateTimeOffset.UtcNow, CpuSeconds(servicePid), platformsPid is { } p ? CpuSeconds(p) : 0, PostgresTimes.Read(), MachineBusySeconds());
                    lock (_samples)
                    {
                        _samples.Add(sample);
                    }
                }
                while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
            });
        }

        /// <summary>
        /// Processor per unit between the last sample at or before <paramref name="from"/> and the first at or after
        /// <paramref name="to"/>: the service's, TikTok's and PostgreSQL's in microseconds per unit, and how busy the
        /// machine's cores were over that span. Null when no samples bracket the span.
        /// </summary>
        public string? Between(DateTimeOffset from, DateTimeOffset to, int units, string unit)
        {
            lock (_samples)
            {
                var start = _samples.LastOrDefault(s => s.At <= from);
                var end = _samples.FirstOrDefault(s => s.At >= to);
                if (start.Postgres is null || end.Postgres is null || units <= 0)
                {
                    return null;
                }

                var (clients, background) = end.Postgres.Since(start.Postgres);
                double Per(double seconds) => seconds * 1_000_000 / units;
                var span = (end.At - start.At).TotalSeconds;
                var busy = (end.Machine - start.Machine) / (span * Environment.ProcessorCount);
                // With the platforms in the service's process, their share is in the service's.
                var platforms = _platformsApart
                    ? string.Create(CultureInfo.InvariantCulture, $"TikTok {Per(end.Platforms - start.Platforms):F0} µs, ")
                    : "";
                return string.Create(CultureInfo.InvariantCulture,
                    $"processor per {unit} over {span:F1} s: service {Per(end.Service - start.Service):F0} µs, {platforms}" +
                    $"PostgreSQL {Per(clients + background):F0} µs; the machine's cores {busy:P0} busy");
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _sampling;
            }
            catch (OperationCanceledException)
            {
                // stopped
            }

            _stop.Dispose();
        }

        /// <summary>The seconds every core of the machine has spent busy: user to steal, less idle and waiting for I/O (guest time is in user's).</summary>
        private static double MachineBusySeconds()
        {
            var fields = SafeRead("/proc/stat").Split('\n', 2)[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            return fields.Length < 5 ? 0 : (fields.Sum() - fields[3] - fields[4]) / TicksPerSecond;
        }
    }

    private static double CpuSeconds(int pid) => Times(pid) is { } t ? t.Own : 0;

    /// <summary>A process's own processor seconds, and those of its children it has reaped.</summary>
    private static (double Own, double Reaped)? Times(int pid)
    {
        try
        {
            // Fields after the command's closing parenthesis, from the state (3rd field): utime, stime, cutime and
            // cstime are the 14th to 17th.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            double Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture) / TicksPerSecond;
            return (Field(14) + Field(15), Field(16) + Field(17));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the process ended
        }
    }

    /// <summary>
    /// PostgreSQL's processes at one moment: each one's processor seconds, whether it serves a connection, and the
    /// seconds of the children the postmaster has reaped (autovacuum workers, and backends whose connection closed).
    /// </summary>
    private sealed record PostgresTimes(Dictionary<int, (bool Client, double Seconds)> Processes, double Reaped)
    {
        public static readonly PostgresTimes Empty = new([], 0);

        public static PostgresTimes Read()
        {
            var processes = new Dictionary<int, (bool Client, double Seconds)>();
            var reaped = 0.0;
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(directory), out var pid) || SafeRead($"{directory}/comm").Trim() != "postgres"
                    || Times(pid) is not { } times)
                {
                    continue;
                }

                var command = SafeRead($"{directory}/cmdline");
                if (!command.StartsWith("postgres: ", StringComparison.Ordinal))
                {
                    reaped += times.Reaped; // the postmaster
                }

                processes[pid] = (command.Contains("127.0.0.1(", StringComparison.Ordinal), times.Own);
            }

            return new PostgresTimes(processes, reaped);
        }

        /// <summary>
        /// Seconds since <paramref name="start"/>: of the backends serving connections, and of the rest. A backend that
        /// ended in between is counted whole among the reaped; what it had used before the start is taken off again,
        /// and what it used after goes to the rest.
        /// </summary>
        public (double Clients, double Background) Since(PostgresTimes start)
        {
            double Used(int pid, double now) => now - (start.Processes.TryGetValue(pid, out var then) ? then.Seconds : 0);
            var clients = Processes.Where(p => p.Value.Client).Sum(p => Used(p.Key, p.Value.Seconds));
            var background = Processes.Where(p => !p.Value.Client).Sum(p => Used(p.Key, p.Value.Seconds))
                + Reaped - start.Reaped
                - start.Processes.Where(p => !Processes.ContainsKey(p.Key)).Sum(p => p.Value.Seconds);
            return (clients, background);
        }
    }

    private static string SafeRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
