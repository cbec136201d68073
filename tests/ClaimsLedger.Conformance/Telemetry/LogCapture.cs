using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ClaimsLedger.Conformance.Telemetry;

/// <summary>
/// Keeps every log message written through it, for assertions: a logger provider (for hosts) and a logger factory
/// (for <c>LedgerOptions.LoggerFactory</c> and the stores' options) in one.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ILoggerFactory
{
    private readonly ConcurrentQueue<LogRecord> _records = new();

    /// <summary>Every message so far, in the order written.</summary>
    public IReadOnlyList<LogRecord> Records => [.. _records];

    /// <summary>The messages with this event id.</summary>
    public IReadOnlyList<LogRecord> WithId(int eventId) => [.. _records.Where(r => r.EventId.Id == eventId)];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _records);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<LogRecord> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            records.Enqueue(new LogRecord(category, logLevel, eventId, formatter(state, exception), exception,
                values.ToDictionary(v => v.Key, v => v.Value)));
        }
    }
}

/// <summary>One captured log message with its structured values.</summary>
public sealed record LogRecord(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception,
    IReadOnlyDictionary<string, object?> Values);
