using System.Text.RegularExpressions;
using Layers.Tests.Infrastructure;

namespace Layers.Tests.Operability;

/// <summary>The served OpenAPI description, checked by an independent linter (Redocly CLI, recommended ruleset).</summary>
public sealed partial class OpenApiLintTests(TrialServiceFixture service) : IClassFixture<TrialServiceFixture>
{
    [SkippableFact]
    public async Task TheServedOpenApiDescriptionLintsWithoutErrors()
    {
        Skip.If(TestTools.Node is null, TestTools.Missing("node"));
        Skip.If(TestTools.Redocly is null, TestTools.Missing("Redocly CLI (@redocly/cli)"));

        var document = await service.Factory.CreateClient().GetStringAsync("/openapi/v1.json");
        var folder = Directory.CreateTempSubdirectory("layers-openapi-");
        try
        {
            // The ignore file names the linted file relative to itself: all three sit together.
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "openapi.json"), document);
            foreach (var config in new[] { "redocly.yaml", ".redocly.lint-ignore.yaml" })
            {
                File.Copy(Path.Combine(AppContext.BaseDirectory, "Operability", config), Path.Combine(folder.FullName, config));
            }

            var (exitCode, output, errors) = await TestTools.RunAsync(TestTools.Redocly!,
                ["lint", "openapi.json", "--config", "redocly.yaml", "--format", "stylish", "--max-problems", "1000"],
                folder.FullName,
                new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true", ["NO_COLOR"] = "1" });
            var report = output + errors;
            Assert.True(exitCode == 0, $"redocly lint found errors (exit code {exitCode}):\n{report}");
            Assert.Matches(Validated(), report);
            Assert.DoesNotMatch(ErrorLine(), report);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task EveryOperationHasAnIdASummaryAndItsErrorResponses()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await service.Factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;
        var ids = new HashSet<string>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                Assert.True(ids.Add(operation.Value.GetProperty("operationId").GetString()!), $"{name}: duplicate operationId");
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("summary").GetString()), $"{name}: no summary");
                var responses = operation.Value.GetProperty("responses");
                if (path.Name.StartsWith("/v1/", StringComparison.Ordinal) && !path.Name.Contains("/oauth/callback/", StringComparison.Ordinal))
                {
                    Assert.True(responses.TryGetProperty("401", out _), $"{name}: no 401");
                    Assert.True(responses.TryGetProperty("503", out var unavailable), $"{name}: no 503");
                    Assert.Contains("UNAVAILABLE", unavailable.GetProperty("description").GetString(), StringComparison.Ordinal);
                }
            }
        }

        // Listings document their paging.
        var projects = root.GetProperty("paths").GetProperty("/v1/projects").GetProperty("get").GetProperty("parameters");
        Assert.Contains(projects.EnumerateArray(), p => p.GetProperty("name").GetString() == "limit" && p.GetProperty("in").GetString() == "query");
        Assert.Contains(projects.EnumerateArray(), p => p.GetProperty("name").GetString() == "cursor");
        Assert.NotEmpty(root.GetProperty("servers").EnumerateArray());
    }

    [GeneratedRegex(@"openapi\.json: validated in")]
    private static partial Regex Validated();

    [GeneratedRegex(@"^\s*\d+:\d+\s+error\s", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();
}
