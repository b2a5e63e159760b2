namespace Layers.Silo.Hosting;

/// <summary>Traces, metrics, logs and the Orleans Dashboard (configuration section <c>Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    public const string TextLogs = "text";
    public const string JsonLogs = "json";

    /// <summary>The <c>service.name</c> of every span, metric and log record. Default <c>layers</c>.</summary>
    public string ServiceName { get; set; } = "layers";

    /// <summary>
    /// OTLP collector endpoint (e.g. <c>http://collector:4317</c>); traces, metrics and logs are exported there when
    /// set. Default none. The standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable works as well.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Writes spans and metrics to standard output, for local use. Default false.</summary>
    public bool Console { get; set; }

    /// <summary>
    /// Serves a Prometheus scrape endpoint at <c>/metrics</c> (operator token required). Default false. On its own it
    /// records metrics only, no spans.
    /// </summary>
    public bool Prometheus { get; set; }

    /// <summary>
    /// Records spans and metrics even when no exporter above is configured (for exporters added in code). Default
    /// false: without an exporter nothing is recorded, so there is no cost.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary><c>text</c> (default) or <c>json</c>: one JSON object per line, with scopes (request id, object ids, trace id).</summary>
    public string LogFormat { get; set; } = TextLogs;

    /// <summary>
    /// The Orleans Dashboard at <c>/dashboard</c> (operator token required). Default true. Every silo and front of a
    /// cluster must agree.
    /// </summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>Whether any signal is exported, so metrics are worth recording.</summary>
    public bool Records => Traces || Prometheus;

    /// <summary>
    /// Whether spans are exported, so worth recording. A Prometheus endpoint takes metrics only: spans recorded for it
    /// would be thrown away.
    /// </summary>
    public bool Traces => Enabled || Console || OtlpEndpoint is not null || OtlpFromEnvironment;

    /// <summary>OTLP configured the standard way, through the OpenTelemetry environment variables.</summary>
    public static bool OtlpFromEnvironment => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));

    /// <summary>Binds and checks the section; the host is composed from it, so it is read before the host is built.</summary>
    public static TelemetryOptions Read(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var options = new TelemetryOptions();
        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(configuration.GetSection(SectionName), options);
        if (string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            options.OtlpEndpoint = null;
        }
        else if (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"{SectionName}:OtlpEndpoint must be an absolute http(s) URL, not '{options.OtlpEndpoint}'.");
        }

        if (options.OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            throw new InvalidOperationException($"{SectionName}:OtlpProtocol must be 'grpc' or 'http/protobuf', not '{options.OtlpProtocol}'.");
        }

        if (options.LogFormat is not (TextLogs or JsonLogs))
        {
            throw new InvalidOperationException($"{SectionName}:LogFormat must be '{TextLogs}' or '{JsonLogs}', not '{options.LogFormat}'.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            throw new InvalidOperationException($"{SectionName}:ServiceName must not be empty.");
        }

        return options;
    }
}
