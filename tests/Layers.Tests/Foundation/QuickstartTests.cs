using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Layers.Tests.Infrastructure;

namespace Layers.Tests.Foundation;

/// <summary>The README's start command, as a newcomer runs it: the built service in trial mode, as its own process.</summary>
public sealed partial class QuickstartTests
{
    [Fact]
    public async Task TheTrialModeStartsWithNoSetupAndPrintsItsUrlsAndOperatorToken()
    {
        var httpPort = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ApiOutputDirectory(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("Layers.Api.dll");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{httpPort}");
        start.Environment["Orleans__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment.Remove("ConnectionStrings__Layers");

        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var tokenSeen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data is not null && OperatorToken().Match(e.Data) is { Success: true } match)
            {
                tokenSeen.TrySetResult(match.Groups[1].Value);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var token = await tokenSeen.Task.WaitAsync(TimeSpan.FromSeconds(60));
            string printed;
            lock (output)
            {
                printed = output.ToString();
            }

            Assert.Contains("TRIAL MODE", printed, StringComparison.Ordinal);
            Assert.Contains($"http://127.0.0.1:{httpPort}/swagger", printed, StringComparison.Ordinal);

            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
            var ready = await client.GetJsonAsync("/readyz");
            Assert.Equal("ready", ready.GetProperty("status").GetString());
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var org = await client.PostAsJsonAsync("/v1/admin/orgs", new { name = "First partner" });
            Assert.Equal(System.Net.HttpStatusCode.Created, org.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static string ApiOutputDirectory()
    {
        var here = AppContext.BaseDirectory;
        var configuration = here.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = new DirectoryInfo(here);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Layers.sln")))
        {
            root = root.Parent;
        }

        var directory = Path.Combine(root!.FullName, "src", "Api", "bin", configuration, "net10.0");
        Assert.True(File.Exists(Path.Combine(directory, "Layers.Api.dll")), $"build the solution first ({directory})");
        return directory;
    }

    [GeneratedRegex(@"Operator token .*: (\S+)$")]
    private static partial Regex OperatorToken();
}
