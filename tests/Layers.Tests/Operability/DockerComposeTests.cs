namespace Layers.Tests.Operability;

/// <summary><c>docker-compose.yml</c> as Docker Compose reads it, where Compose is installed.</summary>
public sealed class DockerComposeTests
{
    [SkippableFact]
    public async Task ComposeAcceptsTheClusterDefinition()
    {
        var root = RepositoryRoot();
        var (program, prefix) = await ComposeAsync();
        Skip.If(program is null, "Docker Compose (`docker compose` or `docker-compose`) is not installed on this machine.");

        // The two secrets compose insists on, as an operator would export them.
        var environment = new Dictionary<string, string>
        {
            ["LAYERS_ADMIN_TOKEN"] = "compose-check-operator-token",
            ["LAYERS_ENCRYPTION_KEY"] = Convert.ToBase64String(new byte[32]),
        };
        var (exitCode, output, errors) = await TestTools.RunAsync(
            program!, [.. prefix, "-f", Path.Combine(root, "docker-compose.yml"), "config", "--quiet"], root, environment);
        Assert.True(exitCode == 0, $"compose config failed ({exitCode}):\n{output}\n{errors}");
    }

    /// <summary>The Compose command this machine has: the Docker CLI plugin, or the standalone program.</summary>
    private static async Task<(string? Program, string[] Prefix)> ComposeAsync()
    {
        foreach (var (program, prefix) in new[] { ("docker", new[] { "compose" }), ("docker-compose", Array.Empty<string>()) })
        {
            try
            {
                var (exitCode, _, _) = await TestTools.RunAsync(program, [.. prefix, "version"], timeout: TimeSpan.FromSeconds(30));
                if (exitCode == 0)
                {
                    return (program, prefix);
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed.
            }
        }

        return (null, []);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Layers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Layers.sln) was not found above the test binaries.");
    }
}
