using Argus.Model;
using Argus.Model.Histograms;
using Argus.Model.Labels;
using Argus.PromQL.Ast;
using Argus.Storage;

namespace Argus.PromQL.Engine;

/// <summary>
/// Evaluates an expression at every step of [start, end] (an instant query is one step). Every node
/// is evaluated once for all steps: instant-vector nodes yield series with one point per step,
/// scalar nodes a value per step, matrix nodes a <see cref="RangeData"/> whose windows slide over
/// samples read once. Split by operation into partial files.
/// </summary>
internal sealed partial class Evaluator
{
    /// <summary>The labels that go with the metric name when an operation drops it.</summary>
    private static readonly string[] NameLabels = [LabelNames.MetricName, "__type__", "__unit__"];

    private readonly EvalContext _ctx;
    private readonly long _start;
    private readonly long _end;
    private readonly long _interval;
    private readonly int _steps;

    /// <summary>The range-function call whose result only feeds an aggregation's group keys, so the metric
    /// name it would drop can stay (see <see cref="NameIrrelevantUnder"/>).</summary>
    private Call? _nameIrrelevantCall;

    /// <summary>Whether the range function being applied right now is <see cref="_nameIrrelevantCall"/>.</summary>
    private bool _keepNameOfRangeResult;

    public Evaluator(EvalContext context, long start, long end, long interval)
    {
        _ctx = context;
        _start = start;
        _end = end;
        _interval = interval <= 0 ? 1 : interval;
        var steps = ((end - start) / _interval) + 1;
        if (steps > context.Options.MaxSubquerySteps)
        {
            throw new PromqlException(ErrorType.Execution, $"query would evaluate too many steps ({steps}); increase the step or shorten the range");
        }
        _steps = (int)steps;
    }

    public int Steps => _steps;

    public long StepTime(int i) => _start + (i * _interval);

    private int StepIndex(long t) => (int)((t - _start) / _interval);

    /// <summary>Evaluates a node: returns <c>List&lt;Series&gt;</c> (instant vector), <c>double[]</c>
    /// (scalar per step), <c>string</c>, or <see cref="RangeData"/> (range vector).</summary>
    public object Eval(Expr expr)
    {
        _ctx.CheckCancelled();
        switch (expr)
        {
            case NumberLiteral n:
                {
                    var values = new double[_steps];
                    Array.Fill(values, n.Value);
                    return values;
                }
            case StringLiteral s:
                return s.Value;
            case ParenExpr p:
                return Eval(p.Inner);
            case UnaryExpr u:
                return EvalUnary(u);
            case VectorSelector vs:
                return EvalVectorSelector(vs, returnTimestamps: false);
            case MatrixSelector ms:
                return EvalMatrixSelector(ms);
            case SubqueryExpr sq:
                return EvalSubquery(sq);
            case BinaryExpr b:
                return EvalBinary(b);
            case AggregateExpr a:
                return EvalAggregate(a);
            case Call c:
                return EvalCall(c);
            default:
                throw new PromqlException(ErrorType.Execution, $"unsupported expression node {expr.GetType().Name}");
        }
    }

    public double[] EvalScalar(Expr expr) => (double[])Eval(expr);

    public List<Series> EvalVector(Expr expr) => (List<Series>)Eval(expr);

    private object EvalUnary(UnaryExpr u)
    {
        var inner = Eval(u.Operand);
        if (!u.Negate)
        {
            return inner;
        }
        if (inner is double[] scalars)
        {
            for (var i = 0; i < scalars.Length; i++)
            {
                scalars[i] = -scalars[i];
            }
            return scalars;
        }
        var vector = (List<Series>)inner;
        foreach (var s in vector)
        {
            for (var i = 0; i < s.Points.Count; i++)
            {
                s.Points[i] = s.Points[i] with { F = -s.Points[i].F };
            }
            if (s.Histograms is { } histograms)
            {
                for (var i = 0; i < histograms.Count; i++)
                {
                    histograms[i] = histograms[i] with { H = histograms[i].H.Scale(-1).WithHint(CounterResetHint.Gauge) };
                }
            }
            DropNameOf(s);
        }
        return vector;
    }

    /// <summary>Marks (delayed) or performs the removal of <c>__name__</c> (and <c>__type__</c>/<c>__unit__</c>).</summary>
    private void DropNameOf(Series s)
    {
        if (_ctx.Options.EnableDelayedNameRemoval)
        {
            s.DropName = true;
        }
        else
        {
            s.Metric = WithoutName(s.Metric);
        }
    }

    private bool DropFlag(bool current) => current || _ctx.Options.EnableDelayedNameRemoval;

    private LabelSet NameHandled(LabelSet metric) => _ctx.Options.EnableDelayedNameRemoval ? metric : WithoutName(metric);

    internal static LabelSet WithoutName(LabelSet metric) => metric.Without(NameLabels);

    /// <summary>Whether <paramref name="name"/> is one of <see cref="NameLabels"/>.</summary>
    private static bool IsNameLabel(string name) => name is LabelNames.MetricName or "__type__" or "__unit__";

    /// <summary>The evaluation time of step <paramref name="i"/> after applying @ and offset.</summary>
    private long EffectiveTime(TimeModifiers mods, int i)
    {
        var t = mods.At switch
        {
            AtModifier.Timestamp => mods.AtMs,
            AtModifier.Start => _ctx.QueryStart,
            AtModifier.End => _ctx.QueryEnd,
            _ => StepTime(i),
        };
        return t - mods.OffsetMs;
    }

    private List<RawSeries> Select(VectorSelector vs, long mint, long maxt, string? function, long rangeMs, bool dropStale, SampleArena arena)
    {
        using var querier = _ctx.Storage.CreateQuerier(mint, maxt);
        var set = SelectSet(querier, vs, mint, maxt, function, rangeMs);
        var result = new List<RawSeries>();
        ISampleIterator? iterator = null;
        var seen = 0;
        while (set.MoveNext())
        {
            // Reading the clock for the deadline costs about as much as a short series; check every few.
            if ((++seen & 31) == 0)
            {
                _ctx.CheckCancelled();
            }
            var series = set.Current;
            iterator = series.Iterator(iterator);
            var offset = arena.Length;
            var kind = iterator.Seek(mint);
            List<long>? histogramTimes = null;
            List<FloatHistogram>? histograms = null;
            while (true)
            {
                while (kind == SampleKind.Float)
                {
                    arena.Reserve(ReadBatch);
                    var timestamps = arena.FreeTimestamps;
                    var values = arena.FreeValues;
                    var read = iterator.ReadFloats(ref kind, maxt, timestamps, values);
                    arena.Commit(dropStale ? WithoutStaleMarkers(timestamps, values, read) : read);
                    if (read < timestamps.Length)
                    {
                        break;
                    }
                }
                // Histogram samples end a float batch; they are gathered apart, one at a time.
                if (kind != SampleKind.Histogram || iterator.Timestamp > maxt)
                {
                    break;
                }
                (histogramTimes ??= []).Add(iterator.Timestamp);
                (histograms ??= []).Add(iterator.Histogram!);
                kind = iterator.Next();
            }
            ThrowIfFailed(iterator, series);
            var count = arena.Length - offset;
            if (count > 0 || histograms is not null)
            {
                var raw = new RawSeries(series.Labels, arena, offset, count);
                if (histograms is not null)
                {
                    raw.HistogramTimes = [.. histogramTimes!];
                    raw.HistogramValues = [.. histograms];
                }
                result.Add(raw);
                CountLoaded(count + (histograms?.Count ?? 0));
            }
        }
        FinishSelect(set);
        SortByMetric(result);
        return result;
    }

    /// <summary>Samples a selection asks a series for at a time.</summary>
    private const int ReadBatch = 256;

    /// <summary>Moves the samples that are not stale markers to the front; returns how many there are.</summary>
    private static int WithoutStaleMarkers(Span<long> timestamps, Span<double> values, int count)
    {
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            if (!StaleNaN.Is(values[i]))
            {
                timestamps[kept] = timestamps[i];
                values[kept] = values[i];
                kept++;
            }
        }
        return kept;
    }

    private ISeriesSet SelectSet(IQuerier querier, VectorSelector vs, long mint, long maxt, string? function, long rangeMs)
    {
        try
        {
            return querier.Select(false, new SelectHints(mint, maxt, _interval, function, rangeMs), vs.Matchers);
        }
        catch (ArgumentException ex)
        {
            throw new PromqlException(ErrorType.BadData, ex.Message, ex);
        }
    }

    private static void ThrowIfFailed(ISampleIterator iterator, ISeries series)
    {
        if (iterator.Error is { } err)
        {
            throw new PromqlException(ErrorType.Execution, "error reading series " + series.Labels + ": " + err.Message, err);
        }
    }

    private void CountLoaded(long samples)
    {
        if (_ctx.Stats is { } stats)
        {
            Interlocked.Add(ref stats.SamplesLoaded, samples);
        }
    }

    /// <summary>Reports the selection's error and passes its warnings on, once every series has been read.</summary>
    private void FinishSelect(ISeriesSet set)
    {
        if (set.Error is { } error)
        {
            throw new PromqlException(ErrorType.Execution, "error selecting series: " + error.Message, error);
        }
        foreach (var w in set.Warnings)
        {
            _ctx.Warnings.Add(w);
        }
    }

    /// <summary>Sorts by labels unless already in order, which storage usually delivers: the check is one
    /// comparison per series instead of a sort's n·log n.</summary>
    private static void SortByMetric(List<RawSeries> series)
    {
        for (var i = 1; i < series.Count; i++)
        {
            if (series[i - 1].Metric.CompareTo(series[i].Metric) > 0)
            {
                series.Sort(static (a, b) => a.Metric.CompareTo(b.Metric));
                return;
            }
        }
    }

    /// <summary>A list holding exactly the points gathered in a scratch buffer, so per-series lists are
    /// allocated once at their final size instead of growing point by point.</summary>
    private static List<FPoint> ExactList(ReadOnlySpan<FPoint> points)
    {
        var list = new List<FPoint>(points.Length);
        list.AddRange(points);
        return list;
    }

    /// <summary>Instant vector selector over all steps: the latest sample in (t - lookback, t] unless
    /// it is a stale marker. With <paramref name="returnTimestamps"/> the value is the sample's timestamp
    /// in seconds (for <c>timestamp()</c>).</summary>
    private List<Series> EvalVectorSelector(VectorSelector vs, bool returnTimestamps)
    {
        if (_steps == 1)
        {
            return EvalInstantVectorSelector(vs, returnTimestamps);
        }
        var lookback = _ctx.LookbackMs;
        var first = EffectiveTime(vs.Modifiers, 0);
        var last = EffectiveTime(vs.Modifiers, _steps - 1);
        var arena = new SampleArena();
        var raw = Select(vs, first - lookback + 1, last, null, 0, dropStale: false, arena);
        var output = new List<Series>(raw.Count);
        var scratch = new FPoint[_steps];
        foreach (var s in raw)
        {
            _ctx.CheckCancelled();
            var st = s.T;
            var sf = s.F;
            var count = 0;
            var j = 0;
            for (var i = 0; i < _steps; i++)
            {
                var t = EffectiveTime(vs.Modifiers, i);
                while (j < st.Length && st[j] <= t)
                {
                    j++;
                }
                var k = j - 1;
                if (k < 0 || st[k] <= t - lookback || StaleNaN.Is(sf[k]))
                {
                    continue;
                }
                scratch[count++] = new FPoint(StepTime(i), returnTimestamps ? st[k] / 1000.0 : sf[k]);
            }
            if (s.HasHistograms)
            {
                count = MergeHistogramSteps(vs, s, scratch, count, returnTimestamps, out var histogramPoints);
                if (histogramPoints is not null)
                {
                    _ctx.AddSamples(histogramPoints.Count);
                    output.Add(new Series(s.Metric, ExactList(scratch.AsSpan(0, count))) { Histograms = histogramPoints });
                    continue;
                }
            }
            if (count > 0)
            {
                _ctx.AddSamples(count);
                output.Add(new Series(s.Metric, ExactList(scratch.AsSpan(0, count))));
            }
        }
        arena.Return();
        return output;
    }

    /// <summary>
    /// For a series holding histograms: at each step where the newest sample in the lookback window is a
    /// histogram (newer than the float the float pass chose), that histogram replaces the float point.
    /// Rewrites the float points in <paramref name="scratch"/> in place and returns their new count.
    /// </summary>
    private int MergeHistogramSteps(VectorSelector vs, RawSeries s, FPoint[] scratch, int floatCount, bool returnTimestamps, out List<HPoint>? histogramPoints)
    {
        histogramPoints = null;
        var ht = s.HistogramTimes!;
        var st = s.T;
        var kept = 0;
        var next = 0;
        var j = 0;
        var jf = 0;
        for (var i = 0; i < _steps; i++)
        {
            var t = EffectiveTime(vs.Modifiers, i);
            while (j < ht.Length && ht[j] <= t)
            {
                j++;
            }
            while (jf < st.Length && st[jf] <= t)
            {
                jf++;
            }
            var floatHere = next < floatCount && scratch[next].T == StepTime(i);
            var latestHistogram = j - 1;
            var histogramIsNewest = latestHistogram >= 0 && ht[latestHistogram] > t - _ctx.LookbackMs
                && (jf == 0 || st[jf - 1] < ht[latestHistogram]);
            if (histogramIsNewest)
            {
                if (returnTimestamps)
                {
                    scratch[kept++] = new FPoint(StepTime(i), ht[latestHistogram] / 1000.0);
                }
                else
                {
                    (histogramPoints ??= []).Add(new HPoint(StepTime(i), s.HistogramValues![latestHistogram]));
                }
            }
            else if (floatHere)
            {
                scratch[kept++] = scratch[next];
            }
            if (floatHere)
            {
                next++;
            }
        }
        return kept;
    }

    /// <summary>
    /// The vector selector of a one-step evaluation (instant queries, every rule): the newest sample in
    /// (t - lookback, t] of each series, without gathering the window's samples. When the storage knows a
    /// series' newest sample and it is not after t (an evaluation after the latest scrape) nothing is
    /// decoded; otherwise the series is walked up to t keeping only the last sample.
    /// </summary>
    private List<Series> EvalInstantVectorSelector(VectorSelector vs, bool returnTimestamps)
    {
        var t = EffectiveTime(vs.Modifiers, 0);
        var after = t - _ctx.LookbackMs;
        using var querier = _ctx.Storage.CreateQuerier(after + 1, t);
        var set = SelectSet(querier, vs, after + 1, t, null, 0);
        var output = new List<Series>();
        ISampleIterator? iterator = null;
        var seen = 0;
        while (set.MoveNext())
        {
            if ((++seen & 31) == 0)
            {
                _ctx.CheckCancelled();
            }
            var series = set.Current;
            FloatHistogram? histogram = null;
            if (series is not ILatestSample latest || !latest.TryGetLatest(t, out var sampleTime, out var value))
            {
                iterator = series.Iterator(iterator);
                (sampleTime, value) = (long.MinValue, 0);
                histogram = null;
                var walked = 0;
                for (var kind = iterator.Seek(after + 1); kind != SampleKind.None && iterator.Timestamp <= t; kind = iterator.Next())
                {
                    sampleTime = iterator.Timestamp;
                    (value, histogram) = kind == SampleKind.Histogram ? (0.0, iterator.Histogram) : (iterator.Value, (FloatHistogram?)null);
                    walked++;
                }
                ThrowIfFailed(iterator, series);
                CountLoaded(walked);
            }
            else
            {
                CountLoaded(1);
            }
            if (sampleTime <= after || (histogram is null && StaleNaN.Is(value)))
            {
                continue;
            }
            _ctx.AddSamples(1);
            if (histogram is not null && !returnTimestamps)
            {
                output.Add(new Series(series.Labels, []) { Histograms = [new HPoint(StepTime(0), histogram)] });
                continue;
            }
            output.Add(new Series(series.Labels, [new FPoint(StepTime(0), returnTimestamps ? sampleTime / 1000.0 : value)]));
        }
        FinishSelect(set);
        for (var i = 1; i < output.Count; i++)
        {
            if (output[i - 1].Metric.CompareTo(output[i].Metric) > 0)
            {
                output.Sort(static (a, b) => a.Metric.CompareTo(b.Metric));
                break;
            }
        }
        return output;
    }

    private long[] WindowEnds(TimeModifiers mods)
    {
        var ends = new long[_steps];
        for (var i = 0; i < _steps; i++)
        {
            ends[i] = EffectiveTime(mods, i);
        }
        return ends;
    }

    private RangeData EvalMatrixSelector(MatrixSelector ms)
    {
        var ends = WindowEnds(ms.Selector.Modifiers);
        var arena = new SampleArena();
        // An anchored window reaches back one lookback delta further for the sample it anchors on.
        var reach = ms.Anchored ? ms.RangeMs + _ctx.LookbackMs : ms.RangeMs;
        var raw = Select(ms.Selector, ends[0] - reach + 1, ends[^1], null, reach, dropStale: true, arena);
        return new RangeData(raw, ms.RangeMs, ends, arena) { Anchored = ms.Anchored, LookbackMs = _ctx.LookbackMs };
    }

    private RangeData EvalSubquery(SubqueryExpr sq)
    {
        var ends = WindowEnds(sq.Modifiers);
        var step = sq.StepMs > 0 ? sq.StepMs : (long)_ctx.Options.DefaultSubqueryStep.TotalMilliseconds;
        var windowStart = ends[0] - sq.RangeMs;
        // First timestamp after the window start that is a multiple of the step (Go's truncating division).
        var innerStart = step * (windowStart / step);
        if (innerStart <= windowStart)
        {
            innerStart += step;
        }
        var innerEnd = ends[^1];
        var inner = new Evaluator(_ctx, innerStart, Math.Max(innerStart, innerEnd), step);
        var value = inner.Eval(sq.Inner);
        var raw = new List<RawSeries>();
        if (innerEnd >= innerStart)
        {
            if (value is double[] scalars)
            {
                var ts = new long[scalars.Length];
                for (var i = 0; i < ts.Length; i++)
                {
                    ts[i] = inner.StepTime(i);
                }
                raw.Add(new RawSeries(LabelSet.Empty, ts, scalars, scalars.Length));
            }
            else
            {
                foreach (var s in (List<Series>)value)
                {
                    var ts = new long[s.Points.Count];
                    var fs = new double[s.Points.Count];
                    for (var i = 0; i < ts.Length; i++)
                    {
                        ts[i] = s.Points[i].T;
                        fs[i] = s.Points[i].F;
                    }
                    var rs = new RawSeries(s.Metric, ts, fs, ts.Length, s.DropName);
                    if (s.Histograms is { Count: > 0 } hs)
                    {
                        rs.HistogramTimes = [.. hs.Select(p => p.T)];
                        // The hints compare each sample with its predecessor in storage, not with the
                        // previous subquery step; dropping them makes range functions compare the steps.
                        rs.HistogramValues = [.. hs.Select(static p => p.H.CounterResetHint is CounterResetHint.Reset or CounterResetHint.NotReset ? p.H.WithHint(CounterResetHint.Unknown) : p.H)];
                    }
                    raw.Add(rs);
                }
            }
        }
        SortByMetric(raw);
        return new RangeData(raw, sq.RangeMs, ends);
    }

    /// <summary>Regroups series points by step, consuming (and releasing) the input.</summary>
    private List<StepSample>[] ByStep(List<Series> input)
    {
        var perStep = new List<StepSample>[_steps];
        for (var i = 0; i < _steps; i++)
        {
            perStep[i] = [];
        }
        long released = 0;
        foreach (var s in input)
        {
            foreach (var p in s.Points)
            {
                perStep[StepIndex(p.T)].Add(new StepSample(s.Metric, p.F, s.DropName));
            }
            if (s.Histograms is { } histograms)
            {
                foreach (var p in histograms)
                {
                    perStep[StepIndex(p.T)].Add(new StepSample(s.Metric, 0, s.DropName, p.H));
                }
            }
            released += s.Count;
        }
        _ctx.ReleaseSamples(released);
        return perStep;
    }
}
