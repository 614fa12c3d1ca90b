using Microsoft.Extensions.Logging;

namespace Argus.Web.Logging;

/// <summary>A logger for one category; see <see cref="ArgusLoggerProvider"/>.</summary>
internal sealed class ArgusLogger(ArgusLoggerProvider provider, string category, LogLevel minimumLevel) : ILogger
{
    private const string OriginalFormatKey = "{OriginalFormat}";

    private readonly string _component = LogComponent.FromCategory(category);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }
        var message = formatter(state, exception);
        var fields = new List<KeyValuePair<string, object?>>();
        if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            foreach (var pair in values)
            {
                if (pair.Key != OriginalFormatKey)
                {
                    fields.Add(new KeyValuePair<string, object?>(LogFieldName.Normalize(pair.Key), pair.Value));
                }
            }
        }
        provider.Write(new LogEntry(provider.Now, logLevel, _component, message, fields, exception));
    }
}
