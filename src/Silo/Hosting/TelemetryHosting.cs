using System.Reflection;
using Layers.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Dashboard;

namespace Layers.Silo.Hosting;

/// <summary>
/// OpenTelemetry for every process of the service (co-hosted front, client front, headless silo), JSON logs on
/// demand, grain-call trace propagation and the Orleans Dashboard's silo side.
/// </summary>
public static class TelemetryHosting
{
    /// <summary>Orleans' activity source for calls to application grains (Orleans' own system grains are left out).</summary>
    public const string OrleansApplicationSource = "Microsoft.Orleans.Application";

    /// <summary>Orleans' meters (messaging, activations, storage, reminders, ...).</summary>
    public const string OrleansMeters = "Microsoft.Orleans*";

    public static TelemetryOptions AddLayersTelemetry(this IHostApplicationBuilder builder)
    {
        var options = TelemetryOptions.Read(builder.Configuration);
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName);
        if (options.LogFormat == TelemetryOptions.JsonLogs)
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }

        if (!options.Records)
        {
            return options;
        }

        var version = typeof(TelemetryHosting).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName, serviceVersion: version))
            .WithMetrics(metrics => metrics
                .AddMeter(LayersMetrics.MeterName, OrleansMeters)
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());
        if (options.Traces)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(LayersActivitySource.Name, OrleansApplicationSource)
                .AddHttpClientInstrumentation(http => http.RecordException = true)
                .AddProcessor(new TelemetryRedactionProcessor()));
        }

        if (options.OtlpEndpoint is { } endpoint)
        {
            var protocol = options.OtlpProtocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
            telemetry.WithLogging(configureBuilder: null, configureOptions: OtlpLogs).UseOtlpExporter(protocol, new Uri(endpoint));
        }
        else if (TelemetryOptions.OtlpFromEnvironment)
        {
            telemetry.WithLogging(configureBuilder: null, configureOptions: OtlpLogs).UseOtlpExporter();
        }

        if (options.Console)
        {
            telemetry.WithTracing(tracing => tracing.AddConsoleExporter()).WithMetrics(metrics => metrics.AddConsoleExporter());
        }

        return options;
    }

    /// <summary>Trace context through grain calls; the dashboard's collection in this silo.</summary>
    public static ISiloBuilder AddLayersTelemetry(this ISiloBuilder silo, TelemetryOptions options)
    {
        silo.AddActivityPropagation();
        if (options.Dashboard)
        {
            silo.AddDashboard(Dashboard);
        }

        return silo;
    }

    /// <summary>Trace context through grain calls made by a client front; the dashboard served from it.</summary>
    public static IClientBuilder AddLayersTelemetry(this IClientBuilder client, TelemetryOptions options)
    {
        client.AddActivityPropagation();
        if (options.Dashboard)
        {
            client.AddDashboard(Dashboard);
        }

        return client;
    }

    /// <summary>Logs go to the configured sinks only; the dashboard does not stream them to browsers.</summary>
    private static void Dashboard(DashboardOptions dashboard) => dashboard.HideTrace = true;

    private static void OtlpLogs(OpenTelemetryLoggerOptions logs)
    {
        logs.IncludeScopes = true;
        logs.IncludeFormattedMessage = true;
    }
}
