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

    private (double Service, double Clients, double Background) _start;

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

        var (clients, background) = PostgresCpuSeconds();
        _start = (CpuSeconds(servicePid), clients, background);
    }

    /// <summary>Processor milliseconds per request of each side since <see cref="StartAsync"/>; the statements go to a file.</summary>
    public async Task<string> StopAsync(long requests, string label)
    {
        double PerRequest(double seconds) => seconds * 1000 / Math.Max(1, requests);
        var service = PerRequest(CpuSeconds(servicePid) - _start.Service);
        var (clients, background) = PostgresCpuSeconds();
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"processor per request: service {service:F2} ms, PostgreSQL {PerRequest(clients - _start.Clients):F2} ms serving it " +
            $"+ {PerRequest(background - _start.Background):F2} ms of its own (autovacuum, checkpoints, WAL)");
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
    /// PostgreSQL's processor seconds: of the backends serving connections, and of the rest (its background processes,
    /// and the children it has reaped, which are mostly autovacuum workers).
    /// </summary>
    private static (double Clients, double Background) PostgresCpuSeconds()
    {
        var (clients, background) = (0.0, 0.0);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || SafeRead($"{directory}/comm").Trim() != "postgres"
                || Times(pid) is not { } times)
            {
                continue;
            }

            var command = SafeRead($"{directory}/cmdline");
            if (command.StartsWith("postgres: ", StringComparison.Ordinal) && command.Contains("127.0.0.1(", StringComparison.Ordinal))
            {
                clients += times.Own;
            }
            else
            {
                // The postmaster itself counts its reaped children; the other processes are its background workers.
                background += times.Own + (command.StartsWith("postgres: ", StringComparison.Ordinal) ? 0 : times.Reaped);
            }
        }

        return (clients, background);
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
