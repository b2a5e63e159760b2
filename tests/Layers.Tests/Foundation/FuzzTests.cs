using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Layers.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Layers.Tests.Foundation;

/// <summary>
/// Bad input on every operation of the served OpenAPI description: wrong types, bad text, huge values, malformed
/// and unknown ids (another organization's among them), bad query values and bodies that are not objects. Every
/// write is refused and changes nothing either organization can see. Nothing may answer 5xx, and every error carries
/// the envelope and <c>X-Request-Id</c> (except the OAuth callback, a page a browser lands on, which answers people).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class FuzzTests(PostgresApiFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] BadIds = ["x", "sa_01J0000000000000000000000Z", "00000000-0000-0000-0000-000000000000", new string('a', 300), "%20", "..%2F..%2Fadmin"];

    private static readonly JsonNode?[] BadValues =
    [
        JsonValue.Create(42), JsonValue.Create(-1), JsonValue.Create(1e300), JsonValue.Create(true), JsonValue.Create(""),
        JsonValue.Create(new string('z', 10_000)), new JsonArray(1, 2), new JsonObject { ["nested"] = "x" }, null,
    ];

    [Fact]
    public async Task NoBadRequestOnAnyOperationIsA5xxOrAnswersOutsideTheEnvelope()
    {
        var tenant = await fixture.NewTenantAsync(tier: "partner");
        // Another organization's ids are as unknown to the tenant as made-up ones.
        var other = await fixture.NewTenantAsync(tier: "partner");
        var otherProject = (await other.Client.PostJsonAsync("/v1/projects", new { name = "Theirs" })).GetProperty("id").GetString()!;
        var otherEndpoint = (await other.Client.PostJsonAsync("/v1/webhook-endpoints", new { url = "https://hooks.example.com/theirs", events = new[] { "*" } }))
            .GetProperty("endpoint").GetProperty("id").GetString()!;
        string[] ids = [.. BadIds, otherProject, otherEndpoint];
        var theirsBefore = await SnapshotAsync(other.Client);
        var admin = fixture.Operator();
        admin.DefaultRequestHeaders.Remove("X-Api-Key");
        using var document = JsonDocument.Parse(await fixture.Factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var failures = new List<string>();
        var sent = 0;
        var acceptedWrites = new List<string>();
        var before = await SnapshotAsync(tenant.Client);
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                var client = path.Name.StartsWith("/v1/admin", StringComparison.Ordinal) ? admin : tenant.Client;
                foreach (var (url, body) in Cases(path.Name, operation.Value, document.RootElement, ids))
                {
                    using var request = new HttpRequestMessage(method, url);
                    if (body is not null)
                    {
                        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                    }

                    using var response = await client.SendAsync(request);
                    sent++;
                    // The OAuth callback is where a browser lands: its refusals are pages for people, not the envelope.
                    var problem = path.Name.StartsWith("/v1/social/oauth/callback/", StringComparison.Ordinal)
                        ? (int)response.StatusCode >= 500 ? $"{(int)response.StatusCode}" : null
                        : await ProblemAsync(response);
                    if (problem is not null)
                    {
                        failures.Add($"{method} {Shorten(url)} {Shorten(body)} → {problem}");
                    }

                    if (method != HttpMethod.Get && response.IsSuccessStatusCode)
                    {
                        acceptedWrites.Add($"{method} {Shorten(url)} {Shorten(body)} → {(int)response.StatusCode}");
                    }
                }
            }
        }

        output.WriteLine($"{sent} requests sent");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} answers broke the rules:\n{string.Join("\n", failures.Take(40))}");

        // Every write was refused, and refused writes change nothing the tenant can see.
        Assert.True(acceptedWrites.Count == 0, $"bad writes were accepted:\n{string.Join("\n", acceptedWrites.Take(20))}");
        Assert.Equal(before, await SnapshotAsync(tenant.Client));
        Assert.Equal(theirsBefore, await SnapshotAsync(other.Client));
    }

    [Fact]
    public async Task EveryFieldOfTheWrongTypeIsNamedInOneAnswer()
    {
        var tenant = await fixture.NewTenantAsync(tier: "partner");
        var admin = fixture.Operator();
        admin.DefaultRequestHeaders.Remove("X-Api-Key");
        using var document = JsonDocument.Parse(await fixture.Factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var projectId = (await tenant.Client.PostJsonAsync("/v1/projects", new { name = "Typed" })).GetProperty("id").GetString()!;
        var checkedOperations = 0;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => !p.Name.Replace("{projectId}", "", StringComparison.Ordinal).Contains('{', StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Value.TryGetProperty("requestBody", out _)))
            {
                var schema = operation.Value.GetProperty("requestBody").GetProperty("content").EnumerateObject()
                    .Select(media => Resolve(media.Value.GetProperty("schema"), document.RootElement)).First();
                if (!schema.TryGetProperty("properties", out var properties))
                {
                    continue;
                }

                // An object where a string, number, flag or list belongs is the wrong type for every one of them.
                var scalars = properties.EnumerateObject()
                    .Where(p => Types(Resolve(p.Value, document.RootElement)).Any(t => t is "string" or "integer" or "number" or "boolean" or "array"))
                    .Select(p => p.Name).ToList();
                if (scalars.Count < 2)
                {
                    continue;
                }

                var body = new JsonObject();
                scalars.ForEach(name => body[name] = new JsonObject { ["nested"] = "x" });
                var client = path.Name.StartsWith("/v1/admin", StringComparison.Ordinal) ? admin : tenant.Client;
                using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), path.Name.Replace("{projectId}", projectId, StringComparison.Ordinal))
                {
                    Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
                };
                using var response = await client.SendAsync(request);
                var error = await response.AssertError(422, "VALIDATION");
                var named = error.GetProperty("details").GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("path").GetString()!).ToList();
                Assert.All(scalars, name => Assert.True(
                    named.Any(n => n == name || n.StartsWith(name + "[", StringComparison.Ordinal) || n.StartsWith(name + ".", StringComparison.Ordinal)),
                    $"{operation.Name.ToUpperInvariant()} {path.Name}: {name} is not named among {string.Join(", ", named)}"));
                checkedOperations++;
            }
        }

        output.WriteLine($"{checkedOperations} operations checked");
        Assert.True(checkedOperations >= 5, $"only {checkedOperations} operations had bodies to check");
    }

    private static IEnumerable<string?> Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString())
        : [type.GetString()];

    /// <summary>What the tenant sees of its own data: projects, webhook endpoints, events and wallet.</summary>
    private static async Task<string> SnapshotAsync(HttpClient client)
    {
        var parts = new List<string>();
        foreach (var url in new[] { "/v1/projects?limit=200", "/v1/webhook-endpoints", "/v1/events?limit=100", "/v1/wallet", "/v1/wallet/transactions" })
        {
            parts.Add(await client.GetStringAsync(url));
        }

        return string.Join("\n", parts);
    }

    /// <summary>The requests for one operation: bad path ids, bad query values, and bad bodies for every field.</summary>
    private static IEnumerable<(string Url, string? Body)> Cases(string template, JsonElement operation, JsonElement document, IReadOnlyList<string> ids)
    {
        var withIds = template.Contains('{', StringComparison.Ordinal);
        var urls = withIds ? ids.Select(id => Fill(template, id)).ToList() : [template];
        var valid = urls[0];
        foreach (var url in urls)
        {
            yield return (url, operation.TryGetProperty("requestBody", out _) ? "{}" : null);
        }

        if (operation.TryGetProperty("parameters", out var parameters))
        {
            foreach (var parameter in parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query"))
            {
                var name = parameter.GetProperty("name").GetString()!;
                foreach (var value in new[] { "-1", "abc", new string('q', 3000), "%FF%FE", "2026-13-45T99:99:99Z" })
                {
                    yield return ($"{valid}{(valid.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{name}={value}", null);
                }
            }
        }

        if (!operation.TryGetProperty("requestBody", out _))
        {
            yield break;
        }

        foreach (var raw in new[] { "not json", "[]", "\"text\"", "{\"a\":", "{\"name\":\"\\ud800\"}" })
        {
            yield return (valid, raw);
        }

        var fields = Fields(operation, document).ToList();
        foreach (var field in fields)
        {
            foreach (var value in BadValues)
            {
                yield return (valid, new JsonObject { [field] = value?.DeepClone() }.ToJsonString());
            }

            yield return (valid, $"{{\"{field}\":\"\\udc00\"}}");
        }
    }

    private static IEnumerable<string> Fields(JsonElement operation, JsonElement document) =>
        operation.GetProperty("requestBody").GetProperty("content").EnumerateObject()
            .Select(media => media.Value.TryGetProperty("schema", out var schema) ? Resolve(schema, document) : default)
            .Where(schema => schema.ValueKind == JsonValueKind.Object)
            .SelectMany(schema => schema.TryGetProperty("properties", out var properties)
                ? properties.EnumerateObject().Select(p => p.Name)
                : [])
            .Distinct()
            .DefaultIfEmpty("name");

    /// <summary>The schema a <c>$ref</c> names, or the schema itself.</summary>
    private static JsonElement Resolve(JsonElement schema, JsonElement document)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("$ref", out var reference))
        {
            return schema;
        }

        var name = reference.GetString()!.Split('/')[^1];
        return document.GetProperty("components").GetProperty("schemas").GetProperty(name);
    }

    private static string Fill(string template, string id)
    {
        var builder = new StringBuilder();
        var inside = false;
        foreach (var c in template)
        {
            if (c == '{')
            {
                inside = true;
                builder.Append(id);
            }
            else if (c == '}')
            {
                inside = false;
            }
            else if (!inside)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>What is wrong with an answer: a 5xx, or an error without the envelope or the request id.</summary>
    private static async Task<string?> ProblemAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return $"{status}: {Shorten(await response.Content.ReadAsStringAsync())}";
        }

        if (status < 400)
        {
            return null;
        }

        if (!response.Headers.Contains("X-Request-Id"))
        {
            return $"{status} without X-Request-Id";
        }

        var text = await response.Content.ReadAsStringAsync();
        try
        {
            using var body = JsonDocument.Parse(text);
            var error = body.RootElement.GetProperty("error");
            return error.GetProperty("code").GetString() is { Length: > 0 } && error.GetProperty("requestId").GetString() is { Length: > 0 }
                ? null
                : $"{status} with an incomplete envelope";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"{status} outside the envelope: {Shorten(text)}";
        }
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length > 120 ? text[..120] + "…" : text;
}
