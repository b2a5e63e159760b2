using System.Diagnostics;
using Layers.Tests.Infrastructure;
using Layers.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Layers.Tests.Operability;

/// <summary>
/// The service in trial mode with telemetry recorded into memory: every finished span, metrics on demand, and every
/// log line as the JSON console output would print it. The clock is a test clock, so upkeep and billing can be
/// driven.
/// </summary>
public sealed class OperabilityFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public SynchronizedCollection<Activity> Spans { get; } = new();

    public SynchronizedCollection<MetricSnapshot> Metrics { get; } = new();

    public JsonLogCapture JsonLogs { get; } = new();

    public LayersFactory Factory { get; private set; } = null!;

    /// <summary>
    /// A partner's webhook receiver for every test of the collection (each on its own path), stopped only with the
    /// service: the receiver's ASP.NET Core meters have the names of the service's own, and stopping a receiver
    /// mid-run ends those metric streams for the exporter.
    /// </summary>
    public WebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Telemetry:Enabled"] = "true",
            ["Telemetry:LogFormat"] = "json",
            ["Logging:LogLevel:Layers.Requests"] = "Debug",
        };
        Factory = new LayersFactory(null, settings, Clock, services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
            // Exported only when a test asks (ForceFlush), never on a timer.
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics,
                reader => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)TimeSpan.FromHours(1).TotalMilliseconds));
            services.AddSingleton<ILoggerProvider>(provider => JsonLogs.Using(provider.GetServices<ConsoleFormatter>()));
        }).Start();
        Receiver = await WebhookReceiver.StartAsync(Clock);
    }

    public Task<TestTenant> NewTenantAsync(string tier = "partner") => TestTenant.CreateAsync(Factory, tier: tier);

    /// <summary>The metrics as of now (cumulative since the service started).</summary>
    public IReadOnlyList<MetricSnapshot> CollectMetrics()
    {
        lock (Metrics)
        {
            Metrics.Clear();
            Assert.True(Factory.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000), "metrics were not collected");
            return Metrics.Snapshot();
        }
    }

    /// <summary>The sum of a counter over the points whose tags include <paramref name="tags"/>.</summary>
    public long Sum(string metric, params (string Key, string Value)[] tags) =>
        Points(metric, tags).Sum(p => p.GetSumLong());

    /// <summary>How many values a histogram recorded on the points whose tags include <paramref name="tags"/>.</summary>
    public long Count(string metric, params (string Key, string Value)[] tags) =>
        Points(metric, tags).Sum(p => p.GetHistogramCount());

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    private List<MetricPoint> Points(string metric, (string Key, string Value)[] tags)
    {
        var points = new List<MetricPoint>();
        foreach (var snapshot in CollectMetrics().Where(m => m.Name == metric))
        {
            foreach (var point in snapshot.MetricPoints)
            {
                var pointTags = new Dictionary<string, string?>();
                foreach (var tag in point.Tags)
                {
                    pointTags[tag.Key] = tag.Value?.ToString();
                }

                if (tags.All(t => pointTags.TryGetValue(t.Key, out var value) && value == t.Value))
                {
                    points.Add(point);
                }
            }
        }

        return points;
    }
}
