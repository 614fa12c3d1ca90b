namespace Argus.Storage;

/// <summary>
/// A forward-only cursor over series. <see cref="Current"/> is valid until the next
/// <see cref="MoveNext"/>. After the last series, <see cref="Error"/> says whether the walk ended early.
/// </summary>
public interface ISeriesSet
{
    bool MoveNext();

    ISeries Current { get; }

    /// <summary>The error that stopped iteration, or null when it completed.</summary>
    Exception? Error { get; }

    /// <summary>Non-fatal problems to report with the query result (Prometheus "warnings").</summary>
    IReadOnlyList<string> Warnings { get; }
}
