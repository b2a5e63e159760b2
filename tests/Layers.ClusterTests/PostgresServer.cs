using System.Diagnostics;

namespace Layers.ClusterTests;

/// <summary>Stops and starts the test script's PostgreSQL server, for outage drills.</summary>
public static class PostgresServer
{
    public static Task StopAsync() => PgCtlAsync("-m", "fast", "-W", "stop");

    public static Task StartAsync() => PgCtlAsync(
        "-l", Path.Combine(Variable("LAYERS_TEST_PG_DIR"), "server-restart.log"), "-o", $"-p {Variable("LAYERS_TEST_PG_PORT")}", "-w", "start");

    private static async Task PgCtlAsync(params string[] arguments)
    {
        var pgCtl = Path.Combine(Variable("LAYERS_PG_BINDIR"), "pg_ctl");
        var owner = Environment.GetEnvironmentVariable("LAYERS_TEST_PG_OWNER");
        var start = new ProcessStartInfo(string.IsNullOrEmpty(owner) ? pgCtl : "runuser")
        {
            WorkingDirectory = Variable("LAYERS_TEST_PG_DIR"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (!string.IsNullOrEmpty(owner))
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(owner);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(pgCtl);
        }

        start.ArgumentList.Add("-D");
        start.ArgumentList.Add(Variable("LAYERS_TEST_PG_DATA"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_ctl {string.Join(' ', arguments)} failed: {output}");
    }

    private static string Variable(string name) =>
        Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"{name} is not set: run the tests with scripts/test.sh.");
}
