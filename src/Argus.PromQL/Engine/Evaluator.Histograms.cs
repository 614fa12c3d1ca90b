using System.Globalization;
using Argus.Model.Formatting;
using Argus.Model.Labels;
using Argus.PromQL.Ast;

namespace Argus.PromQL.Engine;

/// <summary>Classic-histogram functions over <c>le</c>-labelled bucket series.</summary>
internal sealed partial class Evaluator
{
    private const double SmallDeltaTolerance = 1e-12;
    private const double MinNormal = 2.2250738585072014e-308;

    private List<Series> HistogramQuantile(Call c)
    {
        var q = EvalScalar(c.Args[0]);
        var input = ByStep(EvalVector(c.Args[1]));
        var collector = new SeriesCollector(_ctx);
        for (var i = 0; i < _steps; i++)
        {
            if (input[i].Count == 0)
            {
                continue;
            }
            if (double.IsNaN(q[i]) || q[i] < 0 || q[i] > 1)
            {
                _ctx.Warn($"quantile value should be between 0 and 1, got {GoFloat.FormatG(q[i])}");
            }
            var quantile = q[i];
            foreach (var (key, buckets, drop) in GroupBuckets(NativeHistogramStep(WithoutMixedHistograms(input[i]), StepTime(i), h => NativeQuantile(quantile, h), collector)))
            {
                var value = BucketQuantile(q[i], buckets, out var forcedMonotonic);
                if (forcedMonotonic)
                {
                    _ctx.Info($"input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name \"{key.MetricName}\"");
                }
                collector.Add(NameHandled(key), DropFlag(drop), StepTime(i), value);
            }
        }
        return collector.Result;
    }

    /// <summary><c>histogram_quantiles(v, "label", q1, q2, …)</c>: every quantile of every histogram at
    /// once, each result labelled with its quantile.</summary>
    private List<Series> HistogramQuantiles(Call c)
    {
        var input = ByStep(EvalVector(c.Args[0]));
        var label = (string)Eval(c.Args[1]);
        if (!LabelNames.IsValidUtf8Name(label))
        {
            throw new PromqlException(ErrorType.Execution, $"invalid label name \"{label}\"");
        }
        var quantiles = new List<double[]>();
        for (var a = 2; a < c.Args.Count; a++)
        {
            quantiles.Add(EvalScalar(c.Args[a]));
        }
        var collector = new SeriesCollector(_ctx);
        for (var i = 0; i < _steps; i++)
        {
            if (input[i].Count == 0)
            {
                continue;
            }
            input[i] = WithoutMixedHistograms(input[i]);
            foreach (var qs in quantiles)
            {
                var q = qs[i];
                if (double.IsNaN(q) || q < 0 || q > 1)
                {
                    _ctx.Warn($"quantile value should be between 0 and 1, got {GoFloat.FormatG(q)}");
                }
                var text = GoFloat.FormatG(q);
                LabelSet Labelled(LabelSet metric) => metric.ToBuilder().Set(label, text).Build();
                foreach (var s in input[i])
                {
                    if (s.H is not null)
                    {
                        collector.Add(NameHandled(Labelled(s.Metric)), DropFlag(s.DropName), StepTime(i), NativeQuantile(q, s.H));
                    }
                }
                foreach (var (key, buckets, drop) in GroupBuckets(input[i].FindAll(static s => s.H is null)))
                {
                    collector.Add(NameHandled(Labelled(key)), DropFlag(drop), StepTime(i), BucketQuantile(q, buckets, out _));
                }
            }
        }
        return collector.Result;
    }

    private List<Series> HistogramFraction(Call c)
    {
        var lower = EvalScalar(c.Args[0]);
        var upper = EvalScalar(c.Args[1]);
        var input = ByStep(EvalVector(c.Args[2]));
        var collector = new SeriesCollector(_ctx);
        for (var i = 0; i < _steps; i++)
        {
            var (lo, hi) = (lower[i], upper[i]);
            foreach (var (key, buckets, drop) in GroupBuckets(NativeHistogramStep(input[i], StepTime(i), h => NativeFraction(lo, hi, h), collector)))
            {
                collector.Add(NameHandled(key), DropFlag(drop), StepTime(i), BucketFraction(lower[i], upper[i], buckets));
            }
        }
        return collector.Result;
    }

    /// <summary>Groups bucket samples by their labels without <c>le</c>; malformed <c>le</c> is a warning.</summary>
    private List<(LabelSet Key, List<(double Upper, double Count)> Buckets, bool Drop)> GroupBuckets(List<StepSample> samples)
    {
        var groups = new Dictionary<LabelSet, (List<(double, double)> Buckets, bool Drop)>();
        var order = new List<LabelSet>();
        foreach (var s in samples)
        {
            var le = s.Metric.Get(LabelNames.BucketBound);
            if (!TryParseBound(le, out var upper))
            {
                _ctx.Warn($"bucket label \"le\" is missing or has a malformed value of \"{le}\" for metric name \"{s.Metric.MetricName}\"");
                continue;
            }
            var key = s.Metric.ToBuilder().Delete(LabelNames.BucketBound).Build();
            if (!groups.TryGetValue(key, out var g))
            {
                g = ([], false);
                order.Add(key);
            }
            g.Buckets.Add((upper, s.F));
            groups[key] = (g.Buckets, g.Drop || s.DropName);
        }
        return [.. order.Select(k => (k, groups[k].Buckets, groups[k].Drop))];
    }

    private static bool TryParseBound(string text, out double value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return false;
        }
        var t = text.Trim();
        if (t is "+Inf" or "Inf" or "+inf" or "inf")
        {
            value = double.PositiveInfinity;
            return true;
        }
        if (t is "-Inf" or "-inf")
        {
            value = double.NegativeInfinity;
            return true;
        }
        if (t.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static List<(double Upper, double Count)> Coalesce(List<(double Upper, double Count)> buckets)
    {
        buckets.Sort((a, b) => a.Upper.CompareTo(b.Upper));
        var result = new List<(double Upper, double Count)>(buckets.Count);
        foreach (var b in buckets)
        {
            if (result.Count > 0 && result[^1].Upper == b.Upper)
            {
                result[^1] = (b.Upper, result[^1].Count + b.Count);
            }
            else
            {
                result.Add(b);
            }
        }
        return result;
    }

    internal static bool AlmostEqual(double a, double b, double epsilon)
    {
        if (a == b)
        {
            return true;
        }
        var absSum = Math.Abs(a) + Math.Abs(b);
        var diff = Math.Abs(a - b);
        if (a == 0 || b == 0 || absSum < MinNormal)
        {
            return diff < epsilon * MinNormal;
        }
        return diff / Math.Min(absSum, double.MaxValue) < epsilon;
    }

    private static double BucketQuantile(double q, List<(double Upper, double Count)> input, out bool forcedMonotonic)
    {
        forcedMonotonic = false;
        if (double.IsNaN(q))
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
        input.Sort((a, b) => a.Upper.CompareTo(b.Upper));
        if (!double.IsPositiveInfinity(input[^1].Upper))
        {
            return double.NaN;
        }
        var buckets = Coalesce(input);
        var prev = buckets[0].Count;
        for (var i = 1; i < buckets.Count; i++)
        {
            var curr = buckets[i].Count;
            if (curr == prev)
            {
                continue;
            }
            if (AlmostEqual(prev, curr, SmallDeltaTolerance))
            {
                buckets[i] = (buckets[i].Upper, prev);
                continue;
            }
            if (curr < prev)
            {
                buckets[i] = (buckets[i].Upper, prev);
                forcedMonotonic = true;
                continue;
            }
            prev = curr;
        }
        if (buckets.Count < 2)
        {
            return double.NaN;
        }
        var observations = buckets[^1].Count;
        if (observations == 0)
        {
            return double.NaN;
        }
        var rank = q * observations;
        var b = 0;
        while (b < buckets.Count - 1 && !(buckets[b].Count >= rank))
        {
            b++;
        }
        if (b == buckets.Count - 1)
        {
            return buckets[^2].Upper;
        }
        if (b == 0 && buckets[0].Upper <= 0)
        {
            return buckets[0].Upper;
        }
        double bucketStart = 0;
        var bucketEnd = buckets[b].Upper;
        var count = buckets[b].Count;
        if (b > 0)
        {
            bucketStart = buckets[b - 1].Upper;
            count -= buckets[b - 1].Count;
            rank -= buckets[b - 1].Count;
        }
        return bucketStart + ((bucketEnd - bucketStart) * (rank / count));
    }

    private static double BucketFraction(double lower, double upper, List<(double Upper, double Count)> input)
    {
        input.Sort((a, b) => a.Upper.CompareTo(b.Upper));
        if (input.Count == 0 || !double.IsPositiveInfinity(input[^1].Upper))
        {
            return double.NaN;
        }
        var buckets = Coalesce(input);
        var total = buckets[^1].Count;
        if (total == 0 || double.IsNaN(lower) || double.IsNaN(upper))
        {
            return double.NaN;
        }
        if (lower >= upper)
        {
            return 0;
        }
        double RankAt(double v)
        {
            double previousCount = 0;
            var previousUpper = double.NegativeInfinity;
            for (var i = 0; i < buckets.Count; i++)
            {
                var (ub, count) = buckets[i];
                if (v <= ub)
                {
                    if (double.IsPositiveInfinity(ub))
                    {
                        return double.IsPositiveInfinity(v) ? count : previousCount;
                    }
                    var lb = i == 0 ? (ub > 0 ? 0 : ub) : previousUpper;
                    if (v <= lb || ub == lb)
                    {
                        return v < ub ? previousCount : count;
                    }
                    return previousCount + ((count - previousCount) * (v - lb) / (ub - lb));
                }
                previousCount = count;
                previousUpper = ub;
            }
            return total;
        }
        return (RankAt(upper) - RankAt(lower)) / total;
    }
}
