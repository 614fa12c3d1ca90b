using IQueryable = Argus.Storage.IQueryable;

namespace Argus.PromQL.Engine;

/// <summary>State shared by every evaluator of one query: storage, options, query bounds for
/// <c>@ start()</c>/<c>end()</c>, cancellation, the sample budget and collected annotations.
/// Not thread-safe: one query evaluates on one thread.</summary>
internal sealed class EvalContext(IQueryable storage, PromqlEngineOptions options, long queryStart, long queryEnd, CancellationToken cancellation)
{
    // The timeout is also checked against the clock at every checkpoint: a timer-driven cancellation
    // fires on the thread pool and can arrive late on a busy machine, after the query has finished.
    private readonly long _deadline = DeadlineAfter(options.Timeout);
    private long _samples;
    private int _checks;

    public IQueryable Storage { get; } = storage;

    public PromqlEngineOptions Options { get; } = options;

    public long QueryStart { get; } = queryStart;

    public long QueryEnd { get; } = queryEnd;

    public CancellationToken Cancellation { get; } = cancellation;

    public long LookbackMs { get; } = (long)options.LookbackDelta.TotalMilliseconds;

    /// <summary>The query's step in ms (0 for instant queries), for <c>step()</c>.</summary>
    public long QueryStep { get; init; }

    public List<string> Warnings { get; } = [];

    public List<string> Infos { get; } = [];

    public PromqlStats? Stats { get; init; }

    /// <summary>Counts samples held by the query; fails it when the budget is exceeded.</summary>
    public void AddSamples(long n)
    {
        _samples += n;
        if (_samples > Options.MaxSamples)
        {
            throw new PromqlException(ErrorType.Execution, "query processing would load too many samples into memory in query execution");
        }
        if (++_checks >= 4096)
        {
            _checks = 0;
            CheckCancelled();
        }
    }

    /// <summary>Returns samples to the budget once an intermediate result has been consumed.</summary>
    public void ReleaseSamples(long n) => _samples = Math.Max(0, _samples - n);

    /// <summary>Throws <see cref="OperationCanceledException"/> when the caller cancelled or the timeout passed.</summary>
    public void CheckCancelled()
    {
        Cancellation.ThrowIfCancellationRequested();
        if (System.Diagnostics.Stopwatch.GetTimestamp() > _deadline)
        {
            throw new OperationCanceledException("query timeout reached");
        }
    }

    private static long DeadlineAfter(TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan || timeout.TotalDays > 365)
        {
            return long.MaxValue;
        }
        return System.Diagnostics.Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
    }

    public void Warn(string message)
    {
        var text = "PromQL warning: " + message;
        if (!Warnings.Contains(text))
        {
            Warnings.Add(text);
        }
    }

    public void Info(string message)
    {
        var text = "PromQL info: " + message;
        if (!Infos.Contains(text))
        {
            Infos.Add(text);
        }
    }
}
