using Argus.Model.Formatting;
using Argus.Model.Labels;
using Argus.PromQL.Ast;

namespace Argus.PromQL.Engine;

/// <summary>Aggregation operators, evaluated per step over groups.</summary>
internal sealed partial class Evaluator
{
    private List<Series> EvalAggregate(AggregateExpr a)
    {
        double[]? param = null;
        string? labelParam = null;
        if (a.Parameter is not null)
        {
            var pv = Eval(a.Parameter);
            if (pv is string s)
            {
                labelParam = s;
            }
            else
            {
                param = (double[])pv;
            }
        }
        if (a.Op == AggregateOp.CountValues && !LabelNames.IsValidUtf8Name(labelParam))
        {
            throw new PromqlException(ErrorType.Execution, $"invalid label name \"{labelParam}\"");
        }
        _nameIrrelevantCall = NameIrrelevantUnder(a) ? a.Inner as Call : null;
        var input = EvalVector(a.Inner);
        _nameIrrelevantCall = null;
        // Group keys depend only on a series' labels: compute each once per query, not once per step.
        var groupOf = new int[input.Count];
        var keys = new List<LabelSet>();
        var keyIndex = new Dictionary<LabelSet, int>();
        var keyBuilder = new LabelSetBuilder();
        long released = 0;
        for (var s = 0; s < input.Count; s++)
        {
            released += input[s].Count;
            if (input[s].Count == 0)
            {
                groupOf[s] = -1;
                continue;
            }
            var key = GroupKey(input[s].Metric, a, keyBuilder);
            if (!keyIndex.TryGetValue(key, out var g))
            {
                g = keys.Count;
                keys.Add(key);
                keyIndex.Add(key, g);
            }
            groupOf[s] = g;
        }
        // Buckets are reused across steps; `touched` lists the groups present at a step in the order
        // their first sample appears, which is the order groups are emitted in.
        var buckets = new List<StepSample>[keys.Count];
        for (var g = 0; g < buckets.Length; g++)
        {
            buckets[g] = [];
        }
        var touched = new List<int>();
        var cursors = new int[input.Count];
        var histogramCursors = new int[input.Count];
        var collector = new SeriesCollector(_ctx);
        for (var i = 0; i < _steps; i++)
        {
            if ((i & 255) == 0)
            {
                _ctx.CheckCancelled();
            }
            var t = StepTime(i);
            for (var s = 0; s < input.Count; s++)
            {
                var series = input[s];
                var points = series.Points;
                var cursor = cursors[s];
                StepSample sample;
                if (cursor < points.Count && StepIndex(points[cursor].T) == i)
                {
                    cursors[s] = cursor + 1;
                    sample = new StepSample(series.Metric, points[cursor].F, series.DropName);
                }
                else if (series.Histograms is { } histograms && histogramCursors[s] < histograms.Count && StepIndex(histograms[histogramCursors[s]].T) == i)
                {
                    sample = new StepSample(series.Metric, 0, series.DropName, histograms[histogramCursors[s]++].H);
                }
                else
                {
                    continue;
                }
                var bucket = buckets[groupOf[s]];
                if (bucket.Count == 0)
                {
                    touched.Add(groupOf[s]);
                }
                bucket.Add(sample);
            }
            if (touched.Count == 0)
            {
                continue;
            }
            var p = param is null ? 0 : param[i];
            foreach (var g in touched)
            {
                AggregateGroup(a, keys[g], buckets[g], p, labelParam, t, collector);
                buckets[g].Clear();
            }
            touched.Clear();
        }
        _ctx.ReleaseSamples(released);
        return collector.Result;
    }

    /// <summary>
    /// True when the metric name of the aggregated series cannot show in the result: the operator outputs
    /// only group keys (not the input series, as topk and limitk do) and the grouping never reads the
    /// name labels (<c>without</c> always ignores them). A range function directly under such an
    /// aggregation then keeps the name instead of building a label set without it for every series, the
    /// largest allocation of a query like <c>sum by (instance) (rate(…))</c>. Only in eager name removal:
    /// delayed removal merely marks the series.
    /// </summary>
    private bool NameIrrelevantUnder(AggregateExpr a)
    {
        if (_ctx.Options.EnableDelayedNameRemoval || a.Op is AggregateOp.Topk or AggregateOp.Bottomk or AggregateOp.Limitk or AggregateOp.LimitRatio)
        {
            return false;
        }
        if (a.Without)
        {
            return true;
        }
        for (var i = 0; i < a.Grouping.Count; i++)
        {
            if (IsNameLabel(a.Grouping[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static LabelSet GroupKey(LabelSet metric, AggregateExpr a, LabelSetBuilder builder)
    {
        builder.Reset();
        if (a.Without)
        {
            foreach (var l in metric.AsSpan())
            {
                if (IsNameLabel(l.Name) || a.Grouping.Contains(l.Name))
                {
                    continue;
                }
                builder.Set(l.Name, l.Value);
            }
        }
        else
        {
            // Indexed: a foreach over the IReadOnlyList would allocate an enumerator per series.
            for (var i = 0; i < a.Grouping.Count; i++)
            {
                var name = a.Grouping[i];
                var v = metric.Get(name);
                if (v.Length > 0)
                {
                    builder.Set(name, v);
                }
            }
        }
        return builder.Build();
    }

    private void AggregateGroup(AggregateExpr a, LabelSet key, List<StepSample> group, double param, string? labelParam, long t, SeriesCollector collector)
    {
        var anyDrop = false;
        var histograms = 0;
        foreach (var s in group)
        {
            anyDrop |= s.DropName;
            histograms += s.H is null ? 0 : 1;
        }
        if (histograms > 0)
        {
            if (AggregateHistogramGroup(a, key, group, histograms, anyDrop, t, collector))
            {
                return;
            }
            // limitk and limit_ratio pass samples through whatever they hold; the rest read floats only.
            if (a.Op is not (AggregateOp.Limitk or AggregateOp.LimitRatio))
            {
                group = group.FindAll(static s => s.H is null);
                if (group.Count == 0)
                {
                    return;
                }
            }
        }
        switch (a.Op)
        {
            case AggregateOp.Sum:
                {
                    double sum = 0, c = 0;
                    foreach (var s in group)
                    {
                        (sum, c) = KahanSumInc(s.F, sum, c);
                    }
                    collector.Add(key, anyDrop, t, sum + c);
                    break;
                }
            case AggregateOp.Avg:
                collector.Add(key, anyDrop, t, Average(group));
                break;
            case AggregateOp.Count:
                collector.Add(key, anyDrop, t, group.Count);
                break;
            case AggregateOp.Group:
                collector.Add(key, anyDrop, t, 1);
                break;
            case AggregateOp.Min:
            case AggregateOp.Max:
                {
                    var v = group[0].F;
                    foreach (var s in group)
                    {
                        if ((a.Op == AggregateOp.Max ? v < s.F : v > s.F) || double.IsNaN(v))
                        {
                            v = s.F;
                        }
                    }
                    collector.Add(key, anyDrop, t, v);
                    break;
                }
            case AggregateOp.Stddev:
            case AggregateOp.Stdvar:
                {
                    double count = 0, mean = 0, cMean = 0, aux = 0, cAux = 0;
                    foreach (var s in group)
                    {
                        count++;
                        var delta = s.F - (mean + cMean);
                        (mean, cMean) = KahanSumInc(delta / count, mean, cMean);
                        (aux, cAux) = KahanSumInc(delta * (s.F - (mean + cMean)), aux, cAux);
                    }
                    var variance = (aux + cAux) / count;
                    collector.Add(key, anyDrop, t, a.Op == AggregateOp.Stddev ? Math.Sqrt(variance) : variance);
                    break;
                }
            case AggregateOp.Quantile:
                {
                    if (double.IsNaN(param) || param < 0 || param > 1)
                    {
                        _ctx.Warn($"quantile value should be between 0 and 1, got {GoFloat.FormatG(param)}");
                    }
                    var values = new double[group.Count];
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = group[i].F;
                    }
                    collector.Add(key, anyDrop, t, Quantile(param, values));
                    break;
                }
            case AggregateOp.CountValues:
                {
                    var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                    var order = new List<string>();
                    foreach (var s in group)
                    {
                        var text = GoFloat.FormatF(s.F);
                        if (!counts.TryGetValue(text, out var n))
                        {
                            order.Add(text);
                        }
                        counts[text] = n + 1;
                    }
                    foreach (var text in order)
                    {
                        var metric = key.ToBuilder().Set(labelParam!, text).Build();
                        collector.Add(metric, anyDrop, t, counts[text]);
                    }
                    break;
                }
            case AggregateOp.Topk:
            case AggregateOp.Bottomk:
                {
                    var k = KParam(param, "k");
                    if (k < 1)
                    {
                        return;
                    }
                    var top = a.Op == AggregateOp.Topk;
                    // Stable: equal values keep input order (ties broken by index); NaN always ranks last.
                    var ranked = new (double F, int Index)[group.Count];
                    for (var i = 0; i < ranked.Length; i++)
                    {
                        ranked[i] = (group[i].F, i);
                    }
                    ranked.AsSpan().Sort(top ? RankForTopk : RankForBottomk);
                    for (var i = 0; i < Math.Min(k, ranked.Length); i++)
                    {
                        var s = group[ranked[i].Index];
                        collector.Add(s.Metric, s.DropName, t, s.F);
                    }
                    break;
                }
            case AggregateOp.Limitk:
                {
                    var k = KParam(param, "k");
                    for (var i = 0; i < Math.Min(k, group.Count); i++)
                    {
                        var s = group[i];
                        collector.Add(s.Metric, s.DropName, t, s.F, s.H);
                    }
                    break;
                }
            case AggregateOp.LimitRatio:
                {
                    if (double.IsNaN(param))
                    {
                        throw new PromqlException(ErrorType.Execution, $"Ratio value is NaN");
                    }
                    var ratio = Math.Clamp(param, -1, 1);
                    if (ratio != param)
                    {
                        _ctx.Warn($"ratio value should be between -1 and 1, got {GoFloat.FormatG(param)}, capping to {GoFloat.FormatG(ratio)}");
                    }
                    foreach (var s in group)
                    {
                        var offset = s.Metric.StableHash / (double)ulong.MaxValue;
                        if ((ratio >= 0 && offset < ratio) || (ratio < 0 && offset >= 1.0 + ratio))
                        {
                            collector.Add(s.Metric, s.DropName, t, s.F, s.H);
                        }
                    }
                    break;
                }
        }
    }

    private static int KParam(double param, string name)
    {
        if (double.IsNaN(param))
        {
            throw new PromqlException(ErrorType.Execution, $"Parameter value is NaN");
        }
        if (param >= int.MaxValue)
        {
            return int.MaxValue;
        }
        _ = name;
        return param < 1 ? 0 : (int)param;
    }

    private static int RankForTopk((double F, int Index) x, (double F, int Index) y)
    {
        var c = CompareForK(x.F, y.F, top: true);
        return c != 0 ? c : x.Index.CompareTo(y.Index);
    }

    private static int RankForBottomk((double F, int Index) x, (double F, int Index) y)
    {
        var c = CompareForK(x.F, y.F, top: false);
        return c != 0 ? c : x.Index.CompareTo(y.Index);
    }

    /// <summary>Orders by rank for topk (descending) or bottomk (ascending), NaN last.</summary>
    private static int CompareForK(double x, double y, bool top)
    {
        var xn = double.IsNaN(x);
        var yn = double.IsNaN(y);
        if (xn || yn)
        {
            return xn == yn ? 0 : xn ? 1 : -1;
        }
        return top ? y.CompareTo(x) : x.CompareTo(y);
    }

    private static double Average(List<StepSample> group)
    {
        if (group.Count == 1)
        {
            return group[0].F;
        }
        double sum = 0, c = 0, mean = 0;
        var incremental = false;
        var count = 0;
        foreach (var s in group)
        {
            count++;
            if (!incremental)
            {
                var (newSum, newC) = KahanSumInc(s.F, sum, c);
                if (!double.IsInfinity(newSum) || double.IsInfinity(s.F))
                {
                    (sum, c) = (newSum, newC);
                    continue;
                }
                // The sum overflowed although the values are finite: switch to an incremental mean.
                incremental = true;
                mean = sum / (count - 1);
                c /= count - 1;
            }
            var q = (count - 1) / (double)count;
            (mean, c) = KahanSumInc(s.F / count, q * mean, q * c);
        }
        if (incremental)
        {
            return mean + c;
        }
        return (sum / count) + (c / count);
    }

    /// <summary>Kahan–Neumaier compensated addition, as Prometheus uses for sums and averages.</summary>
    internal static (double Sum, double C) KahanSumInc(double inc, double sum, double c)
    {
        var t = sum + inc;
        if (double.IsInfinity(t))
        {
            c = 0;
        }
        else if (Math.Abs(sum) >= Math.Abs(inc))
        {
            c += (sum - t) + inc;
        }
        else
        {
            c += (inc - t) + sum;
        }
        return (t, c);
    }

    /// <summary>The φ-quantile of <paramref name="values"/> (sorted in place) with linear interpolation.</summary>
    internal static double Quantile(double q, double[] values)
    {
        if (values.Length == 0 || double.IsNaN(q))
        {
            return double.NaN;
        }
        if (q < 0)
        {
            return double.NegativeInfinity;
        }
        if (q > 1)
        {
            return double.PositiveInfinity;
        }
        Array.Sort(values);
        var n = (double)values.Length;
        var rank = q * (n - 1);
        var lower = Math.Max(0, (int)Math.Floor(rank));
        var upper = Math.Min(values.Length - 1, lower + 1);
        var weight = rank - Math.Floor(rank);
        return (values[lower] * (1 - weight)) + (values[upper] * weight);
    }
}
