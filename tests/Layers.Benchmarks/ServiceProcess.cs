using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Layers.Benchmarks;

/// <summary>The service as it is deployed: the built API (co-hosted silo) in its own process, on PostgreSQL.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    public const string AdminToken = "benchmark-operator-token-0123456789";

    private readonly Process _process;

    private ServiceProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int ProcessId => _process.Id;

    public static async Task<ServiceProcess> StartAsync(string repositoryRoot, string connectionString)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(repositoryRoot, "src", "Api", "bin", "Release", "net10.0"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("Layers.Api.dll");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Layers"] = connectionString,
            ["Layers__AdminToken"] = AdminToken,
            ["Layers__PublicBaseUrl"] = baseUrl,
            ["Layers__EncryptionKeys__0__Id"] = "bench",
            ["Layers__EncryptionKeys__0__Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Orleans__SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_gcServer"] = "1",
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        // Everything the service writes is kept beside the results; what it writes to stderr is shown as well.
        var logPath = Path.Combine(repositoryRoot, "artifacts", "benchmark-service.log");
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = TextWriter.Synchronized(new StreamWriter(logPath) { AutoFlush = true });
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

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var ready = await http.GetAsync(baseUrl + "/readyz");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return new ServiceProcess(process, baseUrl);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("The service did not become ready within 90 s.");
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
