namespace Argus.PromQL.Engine;

/// <summary>Limits and feature switches of a <see cref="PromqlEngine"/>. Immutable once the engine is built.</summary>
public sealed record PromqlEngineOptions
{
    /// <summary>Wall-clock limit per query; exceeding it fails the query with <see cref="ErrorType.Timeout"/>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Most samples one query may hold at once (per evaluation step, or in a subquery result).</summary>
    public int MaxSamples { get; init; } = 50_000_000;

    /// <summary>How far back an instant selector looks for the latest sample (left-open window).</summary>
    public TimeSpan LookbackDelta { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Step of subqueries written without one, e.g. <c>x[5m:]</c>.</summary>
    public TimeSpan DefaultSubqueryStep { get; init; } = TimeSpan.FromMinutes(1);

    public bool EnableAtModifier { get; init; } = true;

    public bool EnableNegativeOffset { get; init; } = true;

    /// <summary>Remove <c>__name__</c> only at the end of evaluation (Prometheus' delayed name removal).</summary>
    public bool EnableDelayedNameRemoval { get; init; } = true;

    /// <summary>Allow experimental functions and aggregations (limitk, sort_by_label, mad_over_time, ...).</summary>
    public bool EnableExperimentalFunctions { get; init; } = true;

    /// <summary>Allow <c>fill(v)</c>/<c>fill_left(v)</c>/<c>fill_right(v)</c> on binary operators
    /// (Prometheus' <c>--enable-feature=promql-binop-fill-modifiers</c>; off by default there too).</summary>
    public bool EnableBinopFillModifiers { get; init; }

    /// <summary>Allow the <c>anchored</c> range selector modifier
    /// (Prometheus' <c>--enable-feature=promql-extended-range-selectors</c>; off by default there too).</summary>
    public bool EnableExtendedRangeSelectors { get; init; }

    /// <summary>Upper bound on points per series of a range query (Prometheus' 11 000).</summary>
    public int MaxPointsPerSeries { get; init; } = 11_000;

    /// <summary>Upper bound on steps an inner subquery evaluation may have.</summary>
    public long MaxSubquerySteps { get; init; } = 10_000_000;
}
