using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Layers.Benchmarks;

/// <summary>
/// The service as it is deployed: the built API (co-hosted silo) in its own process, on PostgreSQL; or the same build
/// in its zero-setup mode, standing in for the platforms.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    public const string AdminToken = "benchmark-operator-token-0123456789";

    private readonly ProcessStartInfo _start;
    private readonly TextWriter _log;
    private Process _process;

    private ServiceProcess(Process process, ProcessStartInfo start, TextWriter log, string baseUrl)
    {
        _process = process;
        _start = start;
        _log = log;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int ProcessId => _process.Id;

    /// <summary>
    /// The service on PostgreSQL, on <paramref name="port"/> (a free one when 0), with <paramref name="settings"/> as
    /// environment variables on top of the benchmark's.
    /// </summary>
    public static Task<ServiceProcess> StartAsync(
        string repositoryRoot, string connectionString, IReadOnlyDictionary<string, string>? settings = null, int port = 0) =>
        StartAsync(repositoryRoot, "service", port, new Dictionary<string, string>
        {
            ["ConnectionStrings__Layers"] = connectionString,
            ["DOTNET_gcServer"] = "1",
            // benchmark-service.log's lines carry their time, to line up with the tool's own.
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
        }.Concat(settings ?? new Dictionary<string, string>()));

    /// <summary>
    /// The platforms in a process of their own, as TikTok and Instagram run apart from the service: the same build in
    /// its zero-setup mode, of which only the simulators are used. Their consent pages send users back to, and they
    /// pull media from, <paramref name="serviceBaseUrl"/>.
    /// </summary>
    public static Task<ServiceProcess> StartPlatformsAsync(string repositoryRoot, string serviceBaseUrl) =>
        StartAsync(repositoryRoot, "platforms", 0, new Dictionary<string, string>
        {
            ["Layers__PublicBaseUrl"] = serviceBaseUrl,
            ["DOTNET_gcServer"] = "1",
        });

    /// <summary>
    /// How the service reaches TikTok in <paramref name="platforms"/>: configured as a real platform is (app credentials
    /// and endpoints), with the simulator's app credentials.
    /// </summary>
    public static Dictionary<string, string> TikTokAt(ServiceProcess platforms) => new()
    {
        ["Layers__Platforms__TikTok__ClientKey"] = "sandbox-client",
        ["Layers__Platforms__TikTok__ClientSecret"] = "sandbox-secret",
        ["Layers__Platforms__TikTok__AuthorizeUrl"] = platforms.BaseUrl + "/sandbox/tiktok/oauth/authorize",
        ["Layers__Platforms__TikTok__ApiBaseUrl"] = platforms.BaseUrl + "/sandbox/tiktok",
    };

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<ServiceProcess> StartAsync(string repositoryRoot, string role, int port, IEnumerable<KeyValuePair<string, string>> settings)
    {
        port = port == 0 ? FreePort() : port;
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = CopyOfBuild(Path.Combine(repositoryRoot, "src", "Api", "bin", "Release", "net10.0"), role),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("Layers.Api.dll");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl);
        var environment = new Dictionary<string, string>
        {
            ["Layers__AdminToken"] = AdminToken,
            ["Layers__PublicBaseUrl"] = baseUrl,
            ["Layers__EncryptionKeys__0__Id"] = "bench",
            ["Layers__EncryptionKeys__0__Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Orleans__SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            // A restart's take-up: how many posts the start-up wake-up woke, and in how long.
            ["Logging__LogLevel__Layers.Silo.Hosting.DueSoon"] = "Information",
        };
        foreach (var (key, value) in environment.Concat(settings))
        {
            start.Environment[key] = value;
        }

        // Everything the service writes is kept beside the results; what it writes to stderr is shown as well.
        var logPath = Path.Combine(repositoryRoot, "artifacts", $"benchmark-{role}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = TextWriter.Synchronized(new StreamWriter(logPath) { AutoFlush = true });
        var process = Launch(start, log);
        if (!await ReadyAsync(baseUrl, TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The {role} did not become ready within 90 s.");
        }

        return new ServiceProcess(process, start, log, baseUrl);
    }

    /// <summary>
    /// A copy of the built service in a temporary directory, run from there: a build during a long run (or the restart
    /// scenarios) then neither changes nor breaks the service being measured.
    /// </summary>
    private static string CopyOfBuild(string built, string role)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"layers-bench-{role}-{Environment.ProcessId}");
        foreach (var file in Directory.EnumerateFiles(built, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(built, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        return copy;
    }

    /// <summary>
    /// Stops the process (SIGTERM, waiting for it to finish; or SIGKILL) and starts it again with the same settings (and
    /// <paramref name="settings"/> as environment variables on top); returns how long the stop took and how long the new
    /// process took to be ready.
    /// </summary>
    public async Task<(TimeSpan Stopped, TimeSpan Ready)> RestartAsync(bool kill, IReadOnlyDictionary<string, string>? settings = null, TimeSpan down = default)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        if (kill)
        {
            _process.Kill(entireProcessTree: true);
        }
        else
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
        }

        await _process.WaitForExitAsync();
        var stopped = clock.Elapsed;
        _process.Dispose();
        // Held down as long as asked (a crashed process that takes a while to be replaced).
        await Task.Delay(down);
        clock.Restart();
        _process = Launch(_start, _log);
        if (!await ReadyAsync(BaseUrl, TimeSpan.FromMinutes(5)))
        {
            throw new InvalidOperationException("The restarted service did not become ready within 5 minutes.");
        }

        return (stopped, clock.Elapsed);
    }

    private static Process Launch(ProcessStartInfo start, TextWriter log)
    {
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => log.WriteLine(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            log.WriteLine(e.Data);
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                Console.Error.WriteLine("  [service] " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<bool> ReadyAsync(string baseUrl, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var ready = await http.GetAsync(baseUrl + "/readyz");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(50);
        }

        return false;
    }

    /// <summary>
    /// Makes the service run a full, blocking, compacting collection, from outside, as <c>dotnet-gcdump</c> does: an
    /// EventPipe session asking for the runtime's GC heap-collect event triggers one. Returns the managed heap's size as
    /// that collection left it (the generations' sizes in the runtime's heap statistics event), read from the same
    /// session, so the service needs no metrics exporter for it.
    /// </summary>
    public async Task<long> HeapAfterCollectionAsync()
    {
        var client = new Microsoft.Diagnostics.NETCore.Client.DiagnosticsClient(_process.Id);
        const long GcKeyword = 0x1;
        const long GcHeapCollectKeyword = 0x800000;
        var providers = new[]
        {
            new Microsoft.Diagnostics.NETCore.Client.EventPipeProvider("Microsoft-Windows-DotNETRuntime",
                System.Diagnostics.Tracing.EventLevel.Informational, GcKeyword | GcHeapCollectKeyword),
        };
        using var session = await client.StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 64, CancellationToken.None);
        var heap = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var induced = false;
        using var source = new Microsoft.Diagnostics.Tracing.EventPipeEventSource(session.EventStream);
        source.Clr.GCStart += e => induced |= e.Reason == Microsoft.Diagnostics.Tracing.Parsers.Clr.GCReason.Induced;
        source.Clr.GCHeapStats += e =>
        {
            if (induced)
            {
                heap.TrySetResult(e.GenerationSize0 + e.GenerationSize1 + e.GenerationSize2 + e.GenerationSize3 + e.GenerationSize4);
            }
        };
        var reading = Task.Run(() => source.Process());
        var size = await heap.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await session.StopAsync(CancellationToken.None);
        await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(30)));
        return size;
    }

    /// <summary>Resident memory of the service process, in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
