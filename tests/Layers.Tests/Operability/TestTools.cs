using System.Diagnostics;
using System.Text;

namespace Layers.Tests.Operability;

/// <summary>
/// The Node.js tools some tests drive: Redocly CLI, and playwright-core with the machine's Chromium. scripts/test.sh
/// installs them and exports where they are; without them those tests are skipped, saying what is missing.
/// </summary>
public static class TestTools
{
    private static readonly string DefaultDirectory = Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache ? cache : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "layers-test-tools", "node_modules");

    /// <summary>Where <c>playwright-core</c> and <c>@redocly/cli</c> are installed.</summary>
    public static string? NodeModules => Existing(Environment.GetEnvironmentVariable("LAYERS_NODE_MODULES")) ?? Existing(DefaultDirectory);

    public static string? Redocly => File.Exists(Environment.GetEnvironmentVariable("LAYERS_REDOCLY"))
        ? Environment.GetEnvironmentVariable("LAYERS_REDOCLY")
        : NodeModules is { } modules && File.Exists(Path.Combine(modules, ".bin", "redocly")) ? Path.Combine(modules, ".bin", "redocly") : null;

    public static string? Chromium => new[] { Environment.GetEnvironmentVariable("LAYERS_CHROMIUM"), "/usr/bin/chromium" }.FirstOrDefault(File.Exists);

    public static string? Node => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(dir => Path.Combine(dir, "node")).FirstOrDefault(File.Exists);

    public static string Missing(string what) =>
        $"{what} is not available; scripts/test.sh installs it (npm and apt-get) and exports LAYERS_NODE_MODULES, LAYERS_REDOCLY and LAYERS_CHROMIUM.";

    /// <summary>Runs a program to its end (with a deadline) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        string program, IEnumerable<string> arguments, string? workingDirectory = null, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var errors = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} did not finish in time: {output}{errors}");
        }

        process.WaitForExit();
        lock (output)
        {
            lock (errors)
            {
                return (process.ExitCode, output.ToString(), errors.ToString());
            }
        }
    }

    private static string? Existing(string? directory) => !string.IsNullOrEmpty(directory) && Directory.Exists(directory) ? directory : null;
}
