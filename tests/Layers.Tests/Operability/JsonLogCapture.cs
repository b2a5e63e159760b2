using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Layers.Tests.Operability;

/// <summary>
/// Every log line exactly as the service's JSON console output would print it — the service's own configured JSON
/// formatter, scopes included — kept for inspection instead of printed.
/// </summary>
public sealed class JsonLogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private ConsoleFormatter? _formatter;
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Lines => [.. _lines];

    public IEnumerable<JsonElement> Entries => Lines.Select(line => JsonDocument.Parse(line).RootElement.Clone());

    /// <summary>Uses the formatter the service registered for <c>json</c>.</summary>
    public JsonLogCapture Using(IEnumerable<ConsoleFormatter> formatters)
    {
        _formatter = formatters.Single(f => f.Name == ConsoleFormatterNames.Json);
        return this;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(JsonLogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (capture._formatter is null)
            {
                return;
            }

            using var writer = new StringWriter();
            capture._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), capture._scopes, writer);
            var line = writer.ToString().Trim();
            if (line.Length > 0)
            {
                capture._lines.Enqueue(line);
            }
        }
    }
}
