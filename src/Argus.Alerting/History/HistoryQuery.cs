namespace Argus.Alerting.History;

/// <summary>What <see cref="HistoryLog.Query"/> returns: events at or after <see cref="Start"/> and at or before
/// <see cref="End"/> (either may be null for unbounded) that <see cref="Filter"/> accepts, newest first, at most
/// <see cref="Limit"/>.</summary>
public sealed record HistoryQuery
{
    public DateTime? Start { get; init; }

    public DateTime? End { get; init; }

    public Func<HistoryEvent, bool>? Filter { get; init; }

    public int Limit { get; init; } = int.MaxValue;
}
