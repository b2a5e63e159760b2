using Layers.Api.Auth;
using Layers.Api.OpenApi;
using Layers.Silo.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Layers.Api.Hosting;

/// <summary>The HTTP front's part of telemetry: server spans and metrics, request log scopes, Prometheus scrape endpoint.</summary>
public static class TelemetryApiHosting
{
    public const string PrometheusPath = "/metrics";

    /// <summary>Polled by probes, browsers and scrapers many times a minute; their spans would drown the partners' requests.</summary>
    private static readonly string[] Untraced = ["/healthz", "/readyz", PrometheusPath, DashboardHosting.Path, "/swagger", "/openapi"];

    public static WebApplicationBuilder AddLayersApiTelemetry(this WebApplicationBuilder builder)
    {
        var options = TelemetryOptions.Read(builder.Configuration);
        if (!options.Records)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry();
        if (options.Traces)
        {
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(aspNetCore =>
            {
                aspNetCore.Filter = context => !Untraced.Any(path => context.Request.Path.StartsWithSegments(path));
                aspNetCore.RecordException = true;
            }));
        }

        telemetry.WithMetrics(metrics =>
        {
            metrics.AddAspNetCoreInstrumentation();
            if (options.Prometheus)
            {
                metrics.AddPrometheusExporter();
            }
        });
        return builder;
    }

    /// <summary>Placed right after the request id is assigned, so every later line and span carries it.</summary>
    public static WebApplication UseLayersTelemetry(this WebApplication app)
    {
        app.UseMiddleware<TelemetryRequestMiddleware>();
        if (app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(PrometheusPath)
                .WithMetadata(new AccessRequirement(AccessKind.Operator))
                .ExcludeFromDescription();
        }

        app.UseLayersDashboard();
        return app;
    }
}
