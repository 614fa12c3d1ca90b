using Argus.Model.Formatting;
using Argus.Web.Api.Json;

namespace Argus.Web.Api.V1;

/// <summary>
/// Prometheus' query log (<c>global.query_log_file</c>): one JSON object per evaluated query, appended as a
/// line with the request, the query parameters and timings in seconds.
/// </summary>
/// <remarks>Thread-safe: lines are appended under a lock, and the file is opened per line so a reload that
/// changes or clears the path takes effect at once (queries are control-plane rate, not per sample).</remarks>
public sealed class QueryLog
{
    private readonly Func<string> _path;
    private readonly Lock _lock = new();
    private long _failures;

    /// <param name="path">The current log file; empty turns the log off.</param>
    public QueryLog(Func<string> path)
    {
        _path = path;
    }

    /// <summary>Entries that could not be written (unwritable path, full disk).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Appends one entry. For instant queries start equals end and the step is zero.</summary>
    public void Append(QueryLogEntry entry)
    {
        var path = _path();
        if (string.IsNullOrEmpty(path))
        {
            return;
        }
        using var writer = new GoJsonWriter(512);
        writer.StartObject();
        writer.Name("httpRequest");
        writer.StartObject();
        writer.Property("clientIP", entry.ClientIp);
        writer.Property("method", entry.Method);
        writer.Property("path", entry.Path);
        writer.EndObject();
        writer.Name("params");
        writer.StartObject();
        writer.Property("end", GoTimeText.Rfc3339Nano(DateTimeOffset.FromUnixTimeMilliseconds(entry.EndMs)));
        writer.Property("query", entry.Query);
        writer.Property("start", GoTimeText.Rfc3339Nano(DateTimeOffset.FromUnixTimeMilliseconds(entry.StartMs)));
        writer.Name("step");
        writer.RawValue(GoFloat.FormatJson(entry.StepMs / 1000.0));
        writer.EndObject();
        writer.Name("stats");
        writer.StartObject();
        writer.Name("timings");
        writer.StartObject();
        Seconds(writer, "evalTotalTime", entry.Evaluation);
        Seconds(writer, "execQueueTime", entry.Queue);
        Seconds(writer, "execTotalTime", entry.Queue + entry.Evaluation);
        writer.EndObject();
        writer.EndObject();
        writer.Property("ts", GoTimeText.Rfc3339Nano(entry.Timestamp));
        writer.EndObject();
        try
        {
            lock (_lock)
            {
                using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
                file.Write(writer.Written.Span);
                file.WriteByte((byte)'\n');
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A broken log file must not fail the query that was just answered; the count shows it.
            Interlocked.Increment(ref _failures);
        }
    }

    private static void Seconds(GoJsonWriter writer, string name, TimeSpan value)
    {
        writer.Name(name);
        writer.RawValue(GoFloat.FormatJson(value.TotalSeconds));
    }
}
