using System.Net;
using System.Net.Http.Headers;
using Layers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Layers.Tests.Operability;

/// <summary>A Prometheus endpoint is the only exporter: metrics are recorded and served, spans are not recorded at all.</summary>
public sealed class PrometheusTests
{
    [Fact]
    public async Task APrometheusEndpointOnItsOwnServesMetricsAndRecordsNoSpans()
    {
        await using var factory = new LayersFactory(null, new Dictionary<string, string?>
        {
            ["Telemetry:Prometheus"] = "true",
            ["Telemetry:Dashboard"] = "false",
        }).Start();
        using var http = new HttpClient { BaseAddress = new Uri(factory.BaseUrl) };

        // A grain call and a request to record something.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/metrics")).StatusCode);
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LayersFactory.AdminToken);
        using var response = await http.SendAsync(scrape);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.NotNull(factory.Services.GetService<MeterProvider>());
        // No tracer at all: nothing listens to the service's or Orleans' activity sources on its behalf.
        Assert.Null(factory.Services.GetService<TracerProvider>());
    }
}
