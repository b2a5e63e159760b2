using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Layers.Benchmarks;

/// <summary>
/// The framework ceiling of the read scenario: a bare ASP.NET Core endpoint (Kestrel, no Orleans, no auth) that
/// returns the very bytes the real list endpoint returned.
/// </summary>
public sealed class FrameworkCeiling : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FrameworkCeiling(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.First();

    public static async Task<FrameworkCeiling> StartAsync(byte[] body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/list", (HttpContext context) =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            return context.Response.Body.WriteAsync(body).AsTask();
        });
        await app.StartAsync();
        return new FrameworkCeiling(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
