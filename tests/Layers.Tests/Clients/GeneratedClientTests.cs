using System.Diagnostics;
using System.Text;
using Layers.Tests.Infrastructure;
using Layers.Tests.Operability;

namespace Layers.Tests.Clients;

/// <summary>
/// The clients partners generate from <c>/openapi/v1.json</c>, generated here from the served document by the same
/// tools: a TypeScript client (openapi-typescript types, openapi-fetch calls) and a C# client (Kiota). Each must
/// compile without warnings and drive a partner's whole journey — connect through the sandbox consent, creator info,
/// content, publish now, schedule, revoke, events, signed webhooks — with no casts and no hand-written JSON; then
/// both journeys run again through Stoplight Prism as a validating proxy, which must find no request or answer that
/// breaks the document.
/// </summary>
public sealed class GeneratedClientTests(GeneratedClientFixture clients) : IClassFixture<GeneratedClientFixture>
{
    [SkippableFact]
    public async Task TheTypeScriptClientDrivesTheJourney()
    {
        clients.SkipWithoutTools();
        Assert.Contains("journey ok", await clients.RunTypeScriptAsync(clients.Service.BaseUrl, "ts.journey"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task TheKiotaClientDrivesTheJourney()
    {
        clients.SkipWithoutTools();
        Assert.Contains("journey ok", await clients.RunCSharpAsync(clients.Service.BaseUrl, "cs.journey"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task BothJourneysThroughPrismBreakNothingInTheDocument()
    {
        clients.SkipWithoutTools();
        await using var prism = await PrismProxy.StartAsync(clients.DocumentPath, clients.Service.BaseUrl);
        Assert.Contains("journey ok", await clients.RunTypeScriptAsync(prism.Url, "ts.prism"), StringComparison.Ordinal);
        Assert.Contains("journey ok", await clients.RunCSharpAsync(prism.Url, "cs.prism"), StringComparison.Ordinal);
        var log = prism.Log;
        Assert.True(prism.ProxiedRequests > 20, $"Prism proxied only {prism.ProxiedRequests} requests:\n{log}");
        Assert.False(log.Contains("VIOLATIONS", StringComparison.Ordinal) || log.Contains('✖', StringComparison.Ordinal) || log.Contains("[VALIDATOR]", StringComparison.Ordinal),
            $"Prism found violations:\n{log}");
    }
}

/// <summary>
/// The service in trial mode (webhooks may go to loopback), its served document, and both clients generated and
/// built once for the class.
/// </summary>
public sealed class GeneratedClientFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "layers-clients-" + Guid.NewGuid().ToString("N")[..8]);
    private string? _problem;

    public LayersFactory Service { get; } = new(null);

    public string DocumentPath => Path.Combine(_directory, "openapi.json");

    private string TypeScriptDirectory => Path.Combine(_directory, "typescript");

    private string CSharpDirectory => Path.Combine(_directory, "csharp");

    public static string? Kiota => Environment.GetEnvironmentVariable("LAYERS_KIOTA") is { } path && File.Exists(path) ? path
        : TestTools.NodeModules is { } modules && Path.Combine(Path.GetDirectoryName(modules)!, "kiota", "kiota") is { } beside && File.Exists(beside) ? beside
        : null;

    public async Task InitializeAsync()
    {
        Service.Start();
        if (MissingTool() is { } missing)
        {
            _problem = missing;
            return;
        }

        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(DocumentPath, await Service.CreateClient().GetStringAsync("/openapi/v1.json"));

        // TypeScript: types from the document, the journey compiled by tsc in strict mode.
        var sources = Path.Combine(AppContext.BaseDirectory, "Clients");
        Directory.CreateDirectory(TypeScriptDirectory);
        foreach (var file in Directory.GetFiles(Path.Combine(sources, "typescript")))
        {
            File.Copy(file, Path.Combine(TypeScriptDirectory, Path.GetFileName(file)));
        }

        Directory.CreateSymbolicLink(Path.Combine(TypeScriptDirectory, "node_modules"), TestTools.NodeModules!);
        var bin = Path.Combine(TestTools.NodeModules!, ".bin");
        await MustRunAsync(Path.Combine(bin, "openapi-typescript"), [DocumentPath, "-o", "schema.d.ts"], TypeScriptDirectory);
        await MustRunAsync(Path.Combine(bin, "tsc"), ["-p", "."], TypeScriptDirectory);

        // C#: Kiota's client from the document, the journey built with warnings as errors.
        Directory.CreateDirectory(CSharpDirectory);
        File.Copy(Path.Combine(sources, "csharp", "Journey.csproj.txt"), Path.Combine(CSharpDirectory, "Journey.csproj"));
        File.Copy(Path.Combine(sources, "csharp", "Program.cs.txt"), Path.Combine(CSharpDirectory, "Program.cs"));
        // Outside the repository: nothing of the repository's build settings applies.
        await File.WriteAllTextAsync(Path.Combine(CSharpDirectory, "Directory.Build.props"), "<Project />");
        await File.WriteAllTextAsync(Path.Combine(CSharpDirectory, "Directory.Packages.props"), "<Project />");
        await MustRunAsync(Kiota!, ["generate", "-l", "CSharp", "-d", DocumentPath, "-o", "gen", "-c", "LayersClient", "-n", "Layers.Client",
            "--exclude-backward-compatible", "--log-level", "Error"], CSharpDirectory);
        await MustRunAsync("dotnet", ["build", "-c", "Release", "-nologo", "-v:quiet", "-warnaserror"], CSharpDirectory, TimeSpan.FromMinutes(5));
    }

    public void SkipWithoutTools()
    {
        Skip.If(_problem is not null, _problem);
    }

    public Task<string> RunTypeScriptAsync(string api, string handle) =>
        RunJourneyAsync(TestTools.Node!, [Path.Combine(TypeScriptDirectory, "out", "journey.js")], TypeScriptDirectory, api, handle);

    public Task<string> RunCSharpAsync(string api, string handle) =>
        RunJourneyAsync("dotnet", [Path.Combine(CSharpDirectory, "bin", "Release", "net10.0", "Journey.dll")], CSharpDirectory, api, handle);

    private async Task<string> RunJourneyAsync(string program, string[] arguments, string directory, string api, string handle)
    {
        var tenant = await TestTenant.CreateAsync(Service, tier: "partner");
        var environment = new Dictionary<string, string>
        {
            ["LAYERS_API"] = api,
            ["LAYERS_KEY"] = tenant.ApiKey,
            ["LAYERS_RETURN_URL"] = OAuthDriver.ReturnUrl,
            ["LAYERS_HANDLE"] = $"{handle}.{Guid.NewGuid().ToString("N")[..6]}",
        };
        var (exitCode, output, errors) = await TestTools.RunAsync(program, arguments, directory, environment, TimeSpan.FromMinutes(3));
        Assert.True(exitCode == 0, $"the journey failed ({exitCode}):\n{output}\n{errors}");
        return output;
    }

    private static async Task MustRunAsync(string program, string[] arguments, string directory, TimeSpan? timeout = null)
    {
        var (exitCode, output, errors) = await TestTools.RunAsync(program, arguments, directory, timeout: timeout);
        Assert.True(exitCode == 0, $"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({exitCode}):\n{output}\n{errors}");
    }

    private static string? MissingTool()
    {
        if (TestTools.Node is null)
        {
            return TestTools.Missing("node");
        }

        foreach (var tool in new[] { "openapi-typescript", "tsc", "prism" })
        {
            if (TestTools.NodeModules is not { } modules || !File.Exists(Path.Combine(modules, ".bin", tool)))
            {
                return TestTools.Missing(tool);
            }
        }

        return Kiota is null ? TestTools.Missing("Kiota (Microsoft.OpenApi.Kiota)") : null;
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Stoplight Prism proxying to the service, refusing (and logging) any request or answer the document does not allow.</summary>
public sealed class PrismProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private PrismProxy(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Requests Prism passed on to the service.</summary>
    public int ProxiedRequests => Log.Split('\n').Count(line => line.Contains("[HTTP SERVER]", StringComparison.Ordinal) && line.Contains("Request received", StringComparison.Ordinal));

    public static async Task<PrismProxy> StartAsync(string document, string upstream)
    {
        var port = FreePorts.Next();
        var start = new ProcessStartInfo(Path.Combine(TestTools.NodeModules!, ".bin", "prism"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "proxy", document, upstream, "--errors", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var proxy = new PrismProxy(Process.Start(start)!, $"http://127.0.0.1:{port}");
        proxy._process.OutputDataReceived += (_, e) => proxy.Append(e.Data);
        proxy._process.ErrorDataReceived += (_, e) => proxy.Append(e.Data);
        proxy._process.BeginOutputReadLine();
        proxy._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!proxy.Log.Contains("Prism is listening", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline && !proxy._process.HasExited, $"Prism did not start:\n{proxy.Log}");
            await Task.Delay(100);
        }

        return proxy;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
