using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Argus.Web.Logging;

/// <summary>
/// The logging provider of the <c>argus</c> program: every <see cref="ILogger"/> in the process
/// (Argus components, ASP.NET Core, Kestrel) writes through it as logfmt or JSON lines to one
/// output, normally stderr.
/// </summary>
/// <remarks>
/// Thread-safe: lines are formatted on the calling thread and written whole under a lock, so lines
/// from concurrent loggers never interleave. Framework categories (<c>Microsoft.*</c>, <c>System.*</c>)
/// are held to warnings and above unless the level is <c>debug</c>, because ASP.NET Core logs
/// every request at information level.
/// </remarks>
public sealed class ArgusLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, ArgusLogger> _loggers = new(StringComparer.Ordinal);
    private readonly Lock _writeLock = new();
    private readonly TextWriter _output;
    private readonly TimeProvider _time;

    public ArgusLoggerProvider(LogLevel minimumLevel, LogFormat format, TextWriter output, TimeProvider? time = null)
    {
        MinimumLevel = minimumLevel;
        Format = format;
        _output = output;
        _time = time ?? TimeProvider.System;
    }

    public LogLevel MinimumLevel { get; }

    public LogFormat Format { get; }

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, static (name, provider) => new ArgusLogger(provider, name, provider.MinimumLevelFor(name)), this);

    public void Dispose()
    {
        lock (_writeLock)
        {
            _output.Flush();
        }
    }

    internal DateTimeOffset Now => _time.GetUtcNow();

    internal void Write(LogEntry entry)
    {
        var line = Format == LogFormat.Json ? JsonLineFormatter.Format(entry) : LogfmtFormatter.Format(entry);
        lock (_writeLock)
        {
            _output.Write(line);
            _output.Flush();
        }
    }

    private LogLevel MinimumLevelFor(string category)
    {
        var framework = category.StartsWith("Microsoft.", StringComparison.Ordinal) || category.StartsWith("System.", StringComparison.Ordinal);
        if (framework && MinimumLevel > LogLevel.Debug && MinimumLevel < LogLevel.Warning)
        {
            return LogLevel.Warning;
        }
        return framework && MinimumLevel <= LogLevel.Debug ? LogLevel.Information : MinimumLevel;
    }
}
