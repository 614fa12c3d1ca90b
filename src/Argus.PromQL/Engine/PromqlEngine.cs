using System.Diagnostics;
using Argus.Model.Labels;
using Argus.PromQL.Ast;
using Argus.PromQL.Parser;
using Argus.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using IQueryable = Argus.Storage.IQueryable;

namespace Argus.PromQL.Engine;

/// <summary>
/// Evaluates PromQL queries against an <see cref="IQueryable"/>. Thread-safe: every query has its own
/// evaluation state; the engine only holds options and statistics.
/// </summary>
public sealed class PromqlEngine
{
    private readonly ILogger _logger;

    public PromqlEngine(PromqlEngineOptions? options = null, ILogger<PromqlEngine>? logger = null)
    {
        Options = options ?? new PromqlEngineOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public PromqlEngineOptions Options { get; }

    public PromqlStats Stats { get; } = new();

    /// <summary>Instant query at <paramref name="time"/>.</summary>
    public Task<QueryResult> InstantQueryAsync(IQueryable storage, string query, DateTimeOffset time, CancellationToken cancellationToken = default) =>
        Task.Run(() => Evaluate(storage, query, time.ToUnixTimeMilliseconds(), cancellationToken), cancellationToken);

    /// <summary>Range query over [start, end] every <paramref name="step"/>.</summary>
    public Task<QueryResult> RangeQueryAsync(IQueryable storage, string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken = default) =>
        Task.Run(() => EvaluateRange(storage, query, start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds(), (long)step.TotalMilliseconds, cancellationToken), cancellationToken);

    /// <summary>Instant query at <paramref name="timeMs"/> (ms since epoch), synchronously.</summary>
    /// <exception cref="PromqlException">The query is invalid or failed; see <see cref="PromqlException.ErrorType"/>.</exception>
    public QueryResult Evaluate(IQueryable storage, string query, long timeMs, CancellationToken cancellationToken = default) =>
        Run(storage, ParseForQuery(query), timeMs, timeMs, 0, instant: true, cancellationToken);

    /// <summary>Instant query of an already parsed expression. Ranges and offsets written as duration
    /// expressions are resolved into the tree, so one tree must not be evaluated concurrently.</summary>
    public QueryResult Evaluate(IQueryable storage, Expr expr, long timeMs, CancellationToken cancellationToken = default) =>
        Run(storage, expr, timeMs, timeMs, 0, instant: true, cancellationToken);

    /// <summary>Range query, synchronously; the result is always a matrix.</summary>
    public QueryResult EvaluateRange(IQueryable storage, string query, long startMs, long endMs, long stepMs, CancellationToken cancellationToken = default) =>
        EvaluateRange(storage, ParseForQuery(query), startMs, endMs, stepMs, cancellationToken);

    public QueryResult EvaluateRange(IQueryable storage, Expr expr, long startMs, long endMs, long stepMs, CancellationToken cancellationToken = default)
    {
        if (stepMs <= 0)
        {
            throw new PromqlException(ErrorType.BadData, "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if (endMs < startMs)
        {
            throw new PromqlException(ErrorType.BadData, "end timestamp must not be before start time");
        }
        if ((endMs - startMs) / stepMs >= Options.MaxPointsPerSeries)
        {
            throw new PromqlException(ErrorType.BadData, $"exceeded maximum resolution of {Options.MaxPointsPerSeries:N0} points per timeseries. Try decreasing the query resolution (?step=XX)");
        }
        if (expr.Type is not (PromValueType.Scalar or PromValueType.Vector))
        {
            throw new PromqlException(ErrorType.BadData, $"invalid expression type \"{PromValueTypeNames.Name(expr.Type)}\" for range query, must be Scalar or instant Vector");
        }
        return Run(storage, expr, startMs, endMs, stepMs, instant: false, cancellationToken);
    }

    private static Expr ParseForQuery(string query)
    {
        try
        {
            return PromqlParser.Parse(query);
        }
        catch (PromqlParseException ex)
        {
            throw new PromqlException(ErrorType.BadData, ex.Message, ex);
        }
    }

    private void CheckExperimentalSyntax(Expr expr)
    {
        var disabled = ExperimentalSyntax.Used(expr);
        if (Options.EnableBinopFillModifiers)
        {
            disabled &= ~ExperimentalSyntaxKinds.FillModifiers;
        }
        if (Options.EnableExtendedRangeSelectors)
        {
            disabled &= ~ExperimentalSyntaxKinds.AnchoredRanges;
        }
        if (disabled != ExperimentalSyntaxKinds.None)
        {
            throw new PromqlException(ErrorType.BadData, ExperimentalSyntax.Describe(disabled));
        }
    }

    private void CheckFeatures(Expr expr)
    {
        var mods = expr switch
        {
            VectorSelector vs => vs.Modifiers,
            SubqueryExpr sq => sq.Modifiers,
            _ => default,
        };
        if (mods.At != AtModifier.None && !Options.EnableAtModifier)
        {
            throw new PromqlException(ErrorType.BadData, "@ modifier is disabled");
        }
        if (mods.OffsetMs < 0 && !Options.EnableNegativeOffset)
        {
            throw new PromqlException(ErrorType.BadData, "negative offset is disabled");
        }
        foreach (var child in expr.Children)
        {
            CheckFeatures(child);
        }
    }

    /// <summary>Fills in ranges, steps and offsets written as duration expressions that depend on the
    /// query (<c>step()</c>, <c>range()</c>).</summary>
    private static void ResolveDurations(Expr expr, long stepMs, long rangeMs)
    {
        switch (expr)
        {
            case VectorSelector vs when vs.Modifiers.OffsetExpr is { } offset:
                vs.Modifiers = vs.Modifiers with { OffsetMs = DurationExpressions.Evaluate(offset, stepMs, rangeMs) };
                break;
            case MatrixSelector ms:
                if (ms.RangeExpr is { } range && DurationExpressions.DependsOnQuery(range))
                {
                    ms.RangeMs = DurationExpressions.Evaluate(range, stepMs, rangeMs);
                    CheckPositive(ms.RangeMs, "range");
                }
                break;
            case SubqueryExpr sq:
                if (sq.RangeExpr is { } sqRange && DurationExpressions.DependsOnQuery(sqRange))
                {
                    sq.RangeMs = DurationExpressions.Evaluate(sqRange, stepMs, rangeMs);
                    CheckPositive(sq.RangeMs, "subquery range");
                }
                if (sq.StepExpr is { } sqStep && DurationExpressions.DependsOnQuery(sqStep))
                {
                    sq.StepMs = DurationExpressions.Evaluate(sqStep, stepMs, rangeMs);
                }
                if (sq.Modifiers.OffsetExpr is { } sqOffset)
                {
                    sq.Modifiers = sq.Modifiers with { OffsetMs = DurationExpressions.Evaluate(sqOffset, stepMs, rangeMs) };
                }
                break;
        }
        foreach (var child in expr.Children)
        {
            ResolveDurations(child, stepMs, rangeMs);
        }
    }

    private static void CheckPositive(long ms, string what)
    {
        if (ms <= 0)
        {
            throw new PromqlException(ErrorType.BadData, $"{what} must be positive, got {ms}ms");
        }
    }

    private QueryResult Run(IQueryable storage, Expr expr, long start, long end, long step, bool instant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        Interlocked.Increment(ref Stats.QueriesTotal);
        CheckFeatures(expr);
        CheckExperimentalSyntax(expr);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.Timeout);
        var watch = Stopwatch.StartNew();
        var context = new EvalContext(storage, Options, start, end, timeout.Token) { Stats = Stats, QueryStep = step };
        ResolveDurations(expr, step, end - start);
        try
        {
            var evaluator = new Evaluator(context, start, end, instant ? 1 : step);
            var value = evaluator.Eval(expr);
            return instant ? ShapeInstant(value, start, context) : ShapeRange(value, evaluator, context);
        }
        catch (OperationCanceledException ex)
        {
            Interlocked.Increment(ref Stats.QueriesFailed);
            if (cancellationToken.IsCancellationRequested)
            {
                throw new PromqlException(ErrorType.Canceled, $"query was canceled in query execution", ex);
            }
            Interlocked.Increment(ref Stats.QueriesTimedOut);
            throw new PromqlException(ErrorType.Timeout, $"query timed out in query execution", ex);
        }
        catch (PromqlException)
        {
            Interlocked.Increment(ref Stats.QueriesFailed);
            throw;
        }
        catch (StorageException ex)
        {
            Interlocked.Increment(ref Stats.QueriesFailed);
            throw new PromqlException(ErrorType.Execution, ex.Message, ex);
        }
        finally
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(10))
            {
                _logger.LogInformation("Slow PromQL query took {Elapsed}: {Query}", watch.Elapsed, expr);
            }
        }
    }

    private static QueryResult ShapeInstant(object value, long time, EvalContext context)
    {
        switch (value)
        {
            case double[] scalar:
                return new QueryResult { Type = PromValueType.Scalar, T = time, Scalar = scalar[0], Warnings = context.Warnings, Infos = context.Infos };
            case string s:
                return new QueryResult { Type = PromValueType.String, T = time, String = s, Warnings = context.Warnings, Infos = context.Infos };
            case RangeData range:
                {
                    var matrix = new List<Series>();
                    foreach (var s in range.Series)
                    {
                        var points = new List<FPoint>();
                        var endT = range.WindowEnds[0];
                        for (var i = 0; i < s.Count; i++)
                        {
                            if (s.T[i] > endT - range.RangeMs && s.T[i] <= endT)
                            {
                                points.Add(new FPoint(s.T[i], s.F[i]));
                            }
                        }
                        List<HPoint>? histograms = null;
                        for (var i = 0; s.HasHistograms && i < s.HistogramTimes!.Length; i++)
                        {
                            var ht = s.HistogramTimes[i];
                            if (ht > endT - range.RangeMs && ht <= endT)
                            {
                                (histograms ??= []).Add(new HPoint(ht, s.HistogramValues![i]));
                            }
                        }
                        if (points.Count > 0 || histograms is not null)
                        {
                            matrix.Add(new Series(s.DropName ? Evaluator.WithoutName(s.Metric) : s.Metric, points) { Histograms = histograms });
                        }
                    }
                    matrix.Sort((a, b) => a.Metric.CompareTo(b.Metric));
                    return new QueryResult { Type = PromValueType.Matrix, Matrix = matrix, Warnings = context.Warnings, Infos = context.Infos };
                }
            default:
                {
                    var vector = new List<VectorSample>();
                    var seen = new HashSet<LabelSet>();
                    foreach (var s in (List<Series>)value)
                    {
                        if (s.Count == 0)
                        {
                            continue;
                        }
                        var metric = s.DropName ? Evaluator.WithoutName(s.Metric) : s.Metric;
                        if (!seen.Add(metric))
                        {
                            throw new PromqlException(ErrorType.Execution, "vector cannot contain metrics with the same labelset");
                        }
                        vector.Add(s.Points.Count > 0 ? new VectorSample(metric, time, s.Points[0].F) : new VectorSample(metric, time, 0, s.Histograms![0].H));
                    }
                    return new QueryResult { Type = PromValueType.Vector, Vector = vector, Warnings = context.Warnings, Infos = context.Infos };
                }
        }
    }

    private static QueryResult ShapeRange(object value, Evaluator evaluator, EvalContext context)
    {
        var matrix = new List<Series>();
        if (value is double[] scalar)
        {
            var points = new List<FPoint>(scalar.Length);
            for (var i = 0; i < scalar.Length; i++)
            {
                points.Add(new FPoint(evaluator.StepTime(i), scalar[i]));
            }
            matrix.Add(new Series(LabelSet.Empty, points));
        }
        else
        {
            var byMetric = new Dictionary<LabelSet, Series>();
            foreach (var s in (List<Series>)value)
            {
                if (s.Count == 0)
                {
                    continue;
                }
                var metric = s.DropName ? Evaluator.WithoutName(s.Metric) : s.Metric;
                if (byMetric.TryGetValue(metric, out var existing))
                {
                    var times = new HashSet<long>(existing.Points.Select(p => p.T).Concat(existing.Histograms?.Select(p => p.T) ?? []));
                    foreach (var p in s.Points)
                    {
                        if (!times.Add(p.T))
                        {
                            throw new PromqlException(ErrorType.Execution, "vector cannot contain metrics with the same labelset");
                        }
                        existing.Points.Add(p);
                    }
                    foreach (var p in s.Histograms ?? [])
                    {
                        if (!times.Add(p.T))
                        {
                            throw new PromqlException(ErrorType.Execution, "vector cannot contain metrics with the same labelset");
                        }
                        (existing.Histograms ??= []).Add(p);
                    }
                    existing.Points.Sort((a, b) => a.T.CompareTo(b.T));
                    existing.Histograms?.Sort((a, b) => a.T.CompareTo(b.T));
                    continue;
                }
                var series = new Series(metric, s.Points) { Histograms = s.Histograms };
                byMetric.Add(metric, series);
                matrix.Add(series);
            }
            matrix.Sort((a, b) => a.Metric.CompareTo(b.Metric));
        }
        return new QueryResult { Type = PromValueType.Matrix, Matrix = matrix, Warnings = context.Warnings, Infos = context.Infos };
    }
}
