using System.Text.Json;
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

    [Fact]
    public async Task EverySchemaPropertyParameterBodyAndResponseIsDescribed()
    {
        using var document = JsonDocument.Parse(await service.Factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;
        var missing = new List<string>();
        foreach (var schema in root.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            if (!Described(schema.Value))
            {
                missing.Add($"schema {schema.Name}");
            }

            foreach (var property in Members(schema.Value, "properties"))
            {
                if (!Described(property.Value))
                {
                    missing.Add($"property {schema.Name}.{property.Name}");
                }
            }
        }

        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                foreach (var parameter in Items(operation.Value, "parameters"))
                {
                    if (!Described(parameter))
                    {
                        missing.Add($"{name}: parameter {parameter.GetProperty("name").GetString()}");
                    }
                }

                if (operation.Value.TryGetProperty("requestBody", out var body))
                {
                    if (!Described(body))
                    {
                        missing.Add($"{name}: request body");
                    }

                    foreach (var media in body.GetProperty("content").EnumerateObject())
                    {
                        if (!media.Value.TryGetProperty("schema", out var schema) || !schema.EnumerateObject().Any())
                        {
                            missing.Add($"{name}: request body schema ({media.Name})");
                        }
                    }
                }

                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject())
                {
                    // The framework's placeholders ("OK", "Created", …) say nothing the status code does not.
                    if (!Described(response.Value) || response.Value.GetProperty("description").GetString() is "OK" or "Created" or "Accepted" or "No Content" or "Found")
                    {
                        missing.Add($"{name}: response {response.Name}");
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, $"Parts of the description that say nothing ({missing.Count}):\n{string.Join("\n", missing)}");
    }

    [Fact]
    public async Task PostOptionsCarryTheirValuesRangesAndAnExampleRequest()
    {
        using var document = JsonDocument.Parse(await service.Factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var options = schemas.GetProperty("PostOptions").GetProperty("properties");

        Assert.Equal(["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"],
            options.GetProperty("privacyLevel").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(90, options.GetProperty("title").GetProperty("maxLength").GetInt32());
        Assert.Equal(3, options.GetProperty("collaborators").GetProperty("maxItems").GetInt32());
        Assert.Equal(0, options.GetProperty("videoCoverTimestampMs").GetProperty("minimum").GetInt64());
        Assert.Equal(0, options.GetProperty("thumbOffsetMs").GetProperty("minimum").GetInt64());
        Assert.All(options.EnumerateObject(), o => Assert.True(Described(o.Value), $"{o.Name} is not described"));

        var example = document.RootElement.GetProperty("paths").GetProperty("/v1/content/{containerId}/schedule").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("FOLLOWER_OF_CREATOR", example.GetProperty("targets")[0].GetProperty("options").GetProperty("privacyLevel").GetString());
        Assert.Contains("#/components/schemas/PostOptions", schemas.GetProperty("ScheduleTargetRequest").GetProperty("properties").GetProperty("options").GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>What generators need from the document (API.md §9), checked on the served one.</summary>
    [Fact]
    public async Task TheDocumentIsExactEnoughToGenerateClientsFrom()
    {
        using var document = JsonDocument.Parse(await service.Factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;
        Assert.StartsWith("3.1", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var schemas = root.GetProperty("components").GetProperty("schemas");

        // Three ways in: the key as bearer or as X-Api-Key, and the operator token apart.
        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("X-Api-Key", schemes.GetProperty("apiKey").GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty("operator").GetProperty("scheme").GetString());
        var paths = root.GetProperty("paths");
        Assert.Equal(["bearer", "apiKey"], paths.GetProperty("/v1/projects").GetProperty("post").GetProperty("security").EnumerateArray().Select(r => r.EnumerateObject().Single().Name));
        Assert.Equal(["operator"], paths.GetProperty("/v1/admin/orgs").GetProperty("post").GetProperty("security").EnumerateArray().Select(r => r.EnumerateObject().Single().Name));

        // Answers require what they always carry; only what can be null is, and a nullable object is oneOf it or null.
        var post = schemas.GetProperty("ScheduledPostView");
        Assert.Equal(post.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(), post.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order());
        Assert.Equal("string", post.GetProperty("properties").GetProperty("id").GetProperty("type").GetString());
        Assert.Equal(["queued", "publishing", "draft", "published", "failed", "canceled"],
            post.GetProperty("properties").GetProperty("status").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        var lastError = post.GetProperty("properties").GetProperty("lastError").GetProperty("oneOf");
        Assert.Equal("#/components/schemas/PostError", lastError[0].GetProperty("$ref").GetString());
        Assert.Equal("null", lastError[1].GetProperty("type").GetString());
        Assert.DoesNotContain("allOf", post.GetRawText(), StringComparison.Ordinal);

        // Requests require what validation requires, with their constraints and an example.
        var create = schemas.GetProperty("CreateProjectRequest");
        Assert.Equal(["name"], create.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(128, create.GetProperty("properties").GetProperty("name").GetProperty("maxLength").GetInt32());
        Assert.Equal("^sa_[0-9A-Za-z]{26}$", schemas.GetProperty("ScheduleTargetRequest").GetProperty("properties").GetProperty("socialAccountId").GetProperty("pattern").GetString());
        foreach (var (name, operation) in paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(o => ($"{o.Name} {p.Name}", o.Value))))
        {
            if (operation.TryGetProperty("requestBody", out var body))
            {
                Assert.True(body.GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _), $"{name} has no example body");
            }
        }

        // Each event type its own schema, told apart by type, in the listing and as a webhook.
        var mapping = schemas.GetProperty("EventResponse").GetProperty("discriminator");
        Assert.Equal("type", mapping.GetProperty("propertyName").GetString());
        var types = mapping.GetProperty("mapping").EnumerateObject().Select(m => m.Name).Order().ToList();
        Assert.Equal(Layers.Events.EventTypes.All.Order(), types);
        Assert.Equal(types, root.GetProperty("webhooks").EnumerateObject().Select(w => w.Name).Order());
        Assert.Contains("reconnected", schemas.GetProperty("ConnectedEventData").GetRawText(), StringComparison.Ordinal);

        // Typed error details; headers; the callback as the browser redirect it is.
        Assert.True(schemas.GetProperty("ErrorDetails").GetProperty("properties").TryGetProperty("issues", out _));
        var created = paths.GetProperty("/v1/projects").GetProperty("post").GetProperty("responses");
        Assert.True(created.GetProperty("201").GetProperty("headers").TryGetProperty("Location", out _));
        Assert.True(created.GetProperty("201").GetProperty("headers").TryGetProperty("X-RateLimit-Remaining", out _));
        Assert.True(created.GetProperty("429").GetProperty("headers").TryGetProperty("Retry-After", out _));
        Assert.True(created.GetProperty("422").GetProperty("headers").TryGetProperty("X-Request-Id", out _));
        var callback = paths.GetProperty("/v1/social/oauth/callback/{platform}").GetProperty("get").GetProperty("responses");
        Assert.True(callback.GetProperty("302").GetProperty("headers").TryGetProperty("Location", out _));
        Assert.False(callback.GetProperty("302").TryGetProperty("content", out _));
    }

    private static bool Described(JsonElement element) =>
        element.TryGetProperty("description", out var description) && !string.IsNullOrWhiteSpace(description.GetString());

    private static JsonProperty[] Members(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? [.. value.EnumerateObject()] : [];

    private static JsonElement[] Items(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? [.. value.EnumerateArray()] : [];

    [GeneratedRegex(@"openapi\.json: validated in")]
    private static partial Regex Validated();

    [GeneratedRegex(@"^\s*\d+:\d+\s+error\s", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();
}
