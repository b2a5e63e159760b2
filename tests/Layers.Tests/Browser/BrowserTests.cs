using System.Net.Http.Json;
using System.Text.Json;
using Layers.Tests.Infrastructure;
using Layers.Tests.Operability;
using Microsoft.AspNetCore.WebUtilities;

namespace Layers.Tests.Browser;

/// <summary>The sandbox consent page and Swagger UI in a real browser: headless Chromium driven by playwright-core.</summary>
public sealed class BrowserTests(TrialServiceFixture service) : IClassFixture<TrialServiceFixture>
{
    [SkippableTheory]
    [InlineData("tiktok", new[] { "user.info.basic", "user.info.profile", "video.publish", "video.upload", "video.list" })]
    [InlineData("instagram", new[] { "instagram_business_basic", "instagram_business_content_publish", "instagram_business_manage_insights", "instagram_business_manage_comments" })]
    public async Task TheConsentPageShowsHandleAndScopesAndApproveLandsOnTheReturnUrlWithSuccess(string platform, string[] scopes)
    {
        SkipWithoutBrowser();
        var returnPort = FreePorts.Next();
        var tenant = await TestTenant.CreateAsync(service.Factory, returnDomains: [$"127.0.0.1:{returnPort}"]);
        var projectId = (await tenant.Client.PostJsonAsync("/v1/projects", new { name = "Browser" })).GetProperty("id").GetString()!;
        var returnUrl = $"http://127.0.0.1:{returnPort}/connected?from=browser";
        var started = await tenant.Client.PostJsonAsync($"/v1/projects/{projectId}/social/oauth-url", new { platform, returnUrl });
        var state = started.GetProperty("state").GetString()!;
        var handle = "browser." + Guid.NewGuid().ToString("N")[..6];

        var result = await BrowseAsync("consent", started.GetProperty("authorizeUrl").GetString()!, handle, returnPort.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(200, result.GetProperty("status").GetInt32());
        Assert.EndsWith("handle", result.GetProperty("handleLabel").GetString(), StringComparison.Ordinal);
        Assert.Equal(scopes, result.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(scopes.Length, result.GetProperty("checked").GetInt32());
        Assert.Equal("Connected", result.GetProperty("landed").GetString());
        var landed = new Uri(result.GetProperty("finalUrl").GetString()!);
        Assert.Equal($"127.0.0.1:{returnPort}", landed.Authority);
        Assert.Equal("/connected", landed.AbsolutePath);
        var query = QueryHelpers.ParseQuery(landed.Query);
        Assert.Equal("success", query["status"].ToString());
        Assert.Equal(state, query["layers_state"].ToString());
        Assert.Equal("browser", query["from"].ToString());

        var status = await tenant.Client.GetJsonAsync($"/v1/social/oauth-status/{state}");
        Assert.Equal("completed", status.GetProperty("status").GetString());
        var account = await tenant.Client.GetJsonAsync($"/v1/social-accounts/{status.GetProperty("socialAccountId").GetString()}");
        Assert.Equal(handle, account.GetProperty("handle").GetString());
        Assert.Equal("connected", account.GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task SwaggerUiLoadsAndListsEveryOperation()
    {
        SkipWithoutBrowser();
        using var document = JsonDocument.Parse(await service.Factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        // Every operation, and every webhook (listed by its event type).
        var expected = document.RootElement.GetProperty("paths").EnumerateObject()
            .Concat(document.RootElement.GetProperty("webhooks").EnumerateObject())
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .Order(StringComparer.Ordinal).ToList();

        var result = await BrowseAsync("swagger", $"{service.Factory.BaseUrl}/swagger/index.html");

        Assert.Equal(200, result.GetProperty("status").GetInt32());
        var listed = result.GetProperty("operations").EnumerateArray()
            .Select(op => $"{op.GetProperty("method").GetString()} {op.GetProperty("path").GetString()}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, listed);
        Assert.Contains("POST /v1/content/{containerId}/publish", listed);
    }

    private static void SkipWithoutBrowser()
    {
        Skip.If(TestTools.Node is null, TestTools.Missing("node"));
        Skip.If(TestTools.NodeModules is not { } modules || !Directory.Exists(Path.Combine(modules, "playwright-core")), TestTools.Missing("playwright-core"));
        Skip.If(TestTools.Chromium is null, TestTools.Missing("Chromium (Debian package chromium)"));
    }

    private static async Task<JsonElement> BrowseAsync(params string[] arguments)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Browser", "browse.mjs");
        var (exitCode, output, errors) = await TestTools.RunAsync(TestTools.Node!, [script, .. arguments], environment: new Dictionary<string, string>
        {
            ["LAYERS_NODE_MODULES"] = TestTools.NodeModules!,
            ["LAYERS_CHROMIUM"] = TestTools.Chromium!,
        });
        Assert.True(exitCode == 0, $"browse.mjs {arguments[0]} failed ({exitCode}):\n{errors}\n{output}");
        return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.Clone();
    }
}
