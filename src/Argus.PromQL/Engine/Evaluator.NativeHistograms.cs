using Argus.Model.Histograms;
using Argus.Model.Labels;
using Argus.PromQL.Ast;

namespace Argus.PromQL.Engine;

/// <summary>Native-histogram functions and aggregation. Float samples given to a histogram-only
/// function are ignored, as Prometheus does.</summary>
internal sealed partial class Evaluator
{
    /// <summary><c>histogram_count</c>, <c>histogram_sum</c>, <c>histogram_avg</c>,
    /// <c>histogram_stddev</c>, <c>histogram_stdvar</c>: one float per histogram sample.</summary>
    private List<Series> HistogramProperty(Call c)
    {
        Func<FloatHistogram, double> property = c.Function.Name switch
        {
            "histogram_count" => static h => h.Count,
            "histogram_sum" => static h => h.Sum,
            "histogram_avg" => static h => h.Sum / h.Count,
            "histogram_stddev" => static h => Math.Sqrt(HistogramVariance(h)),
            _ => HistogramVariance,
        };
        return MapHistograms(EvalVector(c.Args[0]), (h, _) => property(h));
    }

    /// <summary>A float series per input series holding one value per histogram point; float points are
    /// dropped. The result drops the metric name.</summary>
    private List<Series> MapHistograms(List<Series> input, Func<FloatHistogram, int, double> map)
    {
        var output = new List<Series>(input.Count);
        long released = 0;
        foreach (var s in input)
        {
            released += s.Count;
            if (s.Histograms is not { Count: > 0 } histograms)
            {
                continue;
            }
            var points = new List<FPoint>(histograms.Count);
            foreach (var p in histograms)
            {
                points.Add(new FPoint(p.T, map(p.H, StepIndex(p.T))));
            }
            var ns = new Series(s.Metric, points, s.DropName);
            DropNameOf(ns);
            output.Add(ns);
        }
        _ctx.ReleaseSamples(released);
        _ctx.AddSamples(output.Sum(static s => (long)s.Points.Count));
        return output;
    }

    /// <summary>The variance of the observations, each bucket's observations taken to sit at its
    /// representative point: the geometric mean of its bounds (exponential buckets), the arithmetic mean
    /// (custom buckets), 0 in the zero bucket.</summary>
    internal static double HistogramVariance(FloatHistogram h)
    {
        var mean = h.Sum / h.Count;
        double variance = 0, compensation = 0;
        foreach (var bucket in h.Buckets())
        {
            if (bucket.Count == 0)
            {
                continue;
            }
            double value;
            if (h.UsesCustomBuckets)
            {
                value = double.IsInfinity(bucket.Lower) ? bucket.Upper : double.IsInfinity(bucket.Upper) ? bucket.Lower : (bucket.Lower + bucket.Upper) / 2;
            }
            else if (bucket.Lower <= 0 && bucket.Upper >= 0)
            {
                value = 0;
            }
            else
            {
                value = Math.Sqrt(bucket.Upper * bucket.Lower);
                if (bucket.Upper < 0)
                {
                    value = -value;
                }
            }
            var delta = value - mean;
            (variance, compensation) = KahanSumInc(bucket.Count * delta * delta, variance, compensation);
        }
        return (variance + compensation) / h.Count;
    }

    /// <summary>The bucket as quantile and fraction estimation see it: a zero bucket next to buckets of
    /// one sign only does not extend to the other; the open first custom bucket starts at 0 when its
    /// bound is positive (as a classic histogram's does).</summary>
    private static HistogramBucket Effective(FloatHistogram h, HistogramBucket b)
    {
        if (!h.UsesCustomBuckets && b.Lower < 0 && b.Upper > 0)
        {
            if (h.NegativeBuckets.Length == 0 && h.PositiveBuckets.Length > 0)
            {
                return b with { Lower = 0 };
            }
            if (h.PositiveBuckets.Length == 0 && h.NegativeBuckets.Length > 0)
            {
                return b with { Upper = 0 };
            }
        }
        if (h.UsesCustomBuckets && double.IsNegativeInfinity(b.Lower) && b.Upper > 0)
        {
            return b with { Lower = 0 };
        }
        return b;
    }

    /// <summary>The <paramref name="q"/>-quantile of a native histogram: the bucket holding the rank,
    /// interpolated exponentially inside exponential buckets and linearly in the zero and custom buckets.
    /// Walks from the top for q ≥ 0.5 (fewer buckets to add, less rounding), unless NaN observations
    /// (a NaN sum) make the top unreliable.</summary>
    internal static double NativeQuantile(double q, FloatHistogram h)
    {
        if (q < 0)
        {
            return double.NegativeInfinity;
        }
        if (q > 1)
        {
            return double.PositiveInfinity;
        }
        if (h.Count == 0 || double.IsNaN(q))
        {
            return double.NaN;
        }
        var buckets = h.Buckets().ToList();
        var forward = double.IsNaN(h.Sum) || q < 0.5;
        if (!forward)
        {
            buckets.Reverse();
        }
        var rank = forward ? q * h.Count : (1 - q) * h.Count;
        double count = 0;
        var bucket = default(HistogramBucket);
        foreach (var b in buckets)
        {
            bucket = b;
            if (b.Count == 0)
            {
                continue;
            }
            count += b.Count;
            if (count >= rank)
            {
                break;
            }
        }
        bucket = Effective(h, bucket);
        if (h.UsesCustomBuckets)
        {
            if (double.IsNegativeInfinity(bucket.Lower))
            {
                return bucket.Upper;
            }
            if (double.IsPositiveInfinity(bucket.Upper))
            {
                return bucket.Lower;
            }
        }
        count = Math.Min(count, h.Count);
        if (count < rank)
        {
            return bucket.Upper;
        }
        rank = forward ? rank - (count - bucket.Count) : count - rank;
        var fraction = rank / bucket.Count;
        if (h.UsesCustomBuckets || (bucket.Lower <= 0 && bucket.Upper >= 0))
        {
            return bucket.Lower + ((bucket.Upper - bucket.Lower) * fraction);
        }
        var logLower = Math.Log2(Math.Abs(bucket.Lower));
        var logUpper = Math.Log2(Math.Abs(bucket.Upper));
        if (bucket.Lower > 0)
        {
            return Math.Pow(2, logLower + ((logUpper - logLower) * fraction));
        }
        return -Math.Pow(2, logUpper + ((logLower - logUpper) * (1 - fraction)));
    }

    /// <summary>The estimated share of observations in <c>[lower, upper]</c>, interpolating inside the
    /// buckets that contain either bound like <see cref="NativeQuantile"/> does.</summary>
    internal static double NativeFraction(double lower, double upper, FloatHistogram h)
    {
        if (h.Count == 0 || double.IsNaN(lower) || double.IsNaN(upper))
        {
            return double.NaN;
        }
        if (lower >= upper)
        {
            return 0;
        }
        double rank = 0, lowerRank = 0, upperRank = 0;
        bool lowerSet = false, upperSet = false;
        foreach (var raw in h.Buckets())
        {
            var b = Effective(h, raw);
            var linear = h.UsesCustomBuckets || (b.Lower <= 0 && b.Upper >= 0);
            double RankAt(double v)
            {
                if (linear)
                {
                    return rank + (b.Count * (v - b.Lower) / (b.Upper - b.Lower));
                }
                var logLower = Math.Log2(Math.Abs(b.Lower));
                var logUpper = Math.Log2(Math.Abs(b.Upper));
                var logV = Math.Log2(Math.Abs(v));
                var fraction = v > 0 ? (logV - logLower) / (logUpper - logLower) : 1 - ((logV - logUpper) / (logLower - logUpper));
                return rank + (b.Count * fraction);
            }
            if (!lowerSet && b.Lower >= lower)
            {
                (lowerRank, lowerSet) = (rank, true);
            }
            if (!upperSet && b.Lower >= upper)
            {
                (upperRank, upperSet) = (rank, true);
            }
            if (!lowerSet && b.Lower < lower && b.Upper > lower)
            {
                (lowerRank, lowerSet) = (RankAt(lower), true);
            }
            if (!upperSet && b.Lower < upper && b.Upper > upper)
            {
                (upperRank, upperSet) = (RankAt(upper), true);
            }
            if (lowerSet && upperSet)
            {
                break;
            }
            rank += b.Count;
        }
        if (!lowerSet || lowerRank > h.Count)
        {
            lowerRank = h.Count;
        }
        if (!upperSet || upperRank > h.Count)
        {
            upperRank = h.Count;
        }
        return (upperRank - lowerRank) / h.Count;
    }

    /// <summary>Histogram samples of one step's vector turned into quantiles or fractions; returns the
    /// float samples left for the classic-histogram path.</summary>
    private List<StepSample> NativeHistogramStep(List<StepSample> samples, long t, Func<FloatHistogram, double> estimate, SeriesCollector collector)
    {
        List<StepSample>? floats = null;
        for (var k = 0; k < samples.Count; k++)
        {
            var s = samples[k];
            if (s.H is null)
            {
                floats?.Add(s);
                continue;
            }
            floats ??= samples.GetRange(0, k);
            collector.Add(NameHandled(s.Metric), DropFlag(s.DropName), t, estimate(s.H));
        }
        return floats ?? samples;
    }

    /// <summary>
    /// Leaves out every metric that one step holds both as a native histogram and as classic <c>le</c>
    /// buckets, with Prometheus' warning: a quantile of the two together would mean nothing.
    /// </summary>
    private List<StepSample> WithoutMixedHistograms(List<StepSample> samples)
    {
        HashSet<LabelSet>? native = null;
        foreach (var s in samples)
        {
            if (s.H is not null)
            {
                (native ??= []).Add(s.Metric);
            }
        }
        if (native is null || native.Count == samples.Count)
        {
            return samples;
        }
        var mixed = new HashSet<LabelSet>();
        foreach (var s in samples)
        {
            if (s.H is null && s.Metric.Has(LabelNames.BucketBound))
            {
                var key = s.Metric.ToBuilder().Delete(LabelNames.BucketBound).Build();
                if (native.Contains(key) && mixed.Add(key))
                {
                    _ctx.Warn($"vector contains a mix of classic and native histograms for metric name \"{key.MetricName}\"");
                }
            }
        }
        if (mixed.Count == 0)
        {
            return samples;
        }
        return samples.FindAll(s => !mixed.Contains(s.H is null ? s.Metric.ToBuilder().Delete(LabelNames.BucketBound).Build() : s.Metric));
    }

    /// <summary>Aggregates a group holding histogram samples when the operator can (sum, avg, count,
    /// group); returns false to let the float path aggregate the group's float samples instead.</summary>
    private bool AggregateHistogramGroup(AggregateExpr a, LabelSet key, List<StepSample> group, int histograms, bool anyDrop, long t, SeriesCollector collector)
    {
        switch (a.Op)
        {
            case AggregateOp.Count:
                collector.Add(key, anyDrop, t, group.Count);
                return true;
            case AggregateOp.Group:
                collector.Add(key, anyDrop, t, 1);
                return true;
            case AggregateOp.Sum:
            case AggregateOp.Avg:
                {
                    if (histograms != group.Count)
                    {
                        _ctx.Warn($"encountered a mix of histograms and floats for aggregation");
                        return true;
                    }
                    FloatHistogram? sum = null;
                    try
                    {
                        sum = CompensatedSum(group.ConvertAll(static s => s.H!));
                    }
                    catch (HistogramMismatchException)
                    {
                        _ctx.Warn($"vector contains a mix of histograms with exponential and custom buckets schemas for metric name \"{group[0].Metric.MetricName}\"");
                        return true;
                    }
                    var result = a.Op == AggregateOp.Avg ? Average(sum!, group.ConvertAll(static s => s.H!)) : sum!;
                    collector.Add(key, anyDrop, t, 0, result.Compact());
                    return true;
                }
            case AggregateOp.Limitk:
            case AggregateOp.LimitRatio:
                return false;
            default:
                _ctx.Info($"ignored histogram in {AggregateOps.Name(a.Op)} aggregation");
                return false;
        }
    }

    /// <summary>The sum of histograms with compensated addition, so a few huge counts do not swallow
    /// the small ones (the float aggregations use the same Kahan-Neumaier summation).</summary>
    private FloatHistogram CompensatedSum(IReadOnlyList<FloatHistogram> histograms)
    {
        var sum = histograms[0];
        FloatHistogram? compensation = null;
        for (var i = 1; i < histograms.Count; i++)
        {
            sum = sum.KahanAdd(histograms[i], ref compensation, out var reconciled);
            NoteReconciled(reconciled, "aggregation");
        }
        return compensation is null ? sum : sum.Add(compensation);
    }

    /// <summary>
    /// The mean of histograms given their sum. When the sum overflowed although no input is infinite,
    /// the mean is built incrementally instead (each step adding a share of the difference), as
    /// Prometheus does, so huge but finite histograms still average to finite values.
    /// </summary>
    private static FloatHistogram Average(FloatHistogram sum, IReadOnlyList<FloatHistogram> histograms)
    {
        static bool Overflowed(FloatHistogram h) => double.IsInfinity(h.Count) || double.IsInfinity(h.Sum) || double.IsInfinity(h.ZeroCount)
            || h.PositiveBuckets.Any(double.IsInfinity) || h.NegativeBuckets.Any(double.IsInfinity);
        if (!Overflowed(sum) || histograms.Any(Overflowed))
        {
            return sum.Divide(histograms.Count);
        }
        var mean = histograms[0];
        for (var i = 1; i < histograms.Count; i++)
        {
            var count = i + 1.0;
            mean = mean.Add(histograms[i].Divide(count).Subtract(mean.Divide(count)));
        }
        return mean;
    }

    /// <summary>Notes that histograms with different custom bounds were combined in the bounds they share.</summary>
    private void NoteReconciled(bool reconciled, string operation)
    {
        if (reconciled)
        {
            _ctx.Info($"mismatched custom buckets were reconciled during {operation}");
        }
    }

    /// <summary>A histogram divided by zero keeps no buckets: count, sum and zero bucket become ±Inf (NaN
    /// where they were 0), which is how Prometheus represents the meaningless result.</summary>
    private static FloatHistogram DividedByZero(FloatHistogram h) => new()
    {
        Schema = h.Schema,
        ZeroThreshold = h.ZeroThreshold,
        ZeroCount = h.ZeroCount / 0.0,
        Count = h.Count / 0.0,
        Sum = h.Sum / 0.0,
        CustomValues = h.CustomValues,
        CounterResetHint = h.CounterResetHint,
    };

    /// <summary>
    /// A binary operator with a histogram on at least one side: histogram ± histogram, histogram × float
    /// (either way round), histogram ÷ float, and == / != between histograms. Any other pairing has no
    /// meaning; it returns false after noting an info annotation, and the sample is dropped.
    /// </summary>
    private bool TryHistogramBinop(BinaryOp op, double lf, FloatHistogram? lh, double rf, FloatHistogram? rh, bool returnBool, out double f, out FloatHistogram? h, out bool keep)
    {
        (f, h, keep) = (0, null, true);
        try
        {
            switch (op)
            {
                case BinaryOp.Add when lh is not null && rh is not null:
                    h = lh.Add(rh, out var reconciled).Compact();
                    NoteReconciled(reconciled, "addition");
                    return true;
                case BinaryOp.Sub when lh is not null && rh is not null:
                    // A difference of histograms is no counter, whatever its operands were.
                    h = lh.Subtract(rh, out reconciled).Compact().WithHint(CounterResetHint.Gauge);
                    NoteReconciled(reconciled, "subtraction");
                    return true;
                case BinaryOp.Eql or BinaryOp.Neq when lh is not null && rh is not null:
                    keep = lh.Equivalent(rh, static (a, b) => a.Equals(b)) == (op == BinaryOp.Eql);
                    if (returnBool)
                    {
                        (f, keep) = (keep ? 1 : 0, true);
                    }
                    else
                    {
                        h = lh;
                    }
                    return true;
                case BinaryOp.Mul when lh is not null && rh is null:
                    h = lh.Scale(rf);
                    return true;
                case BinaryOp.Mul when lh is null && rh is not null:
                    h = rh.Scale(lf);
                    return true;
                case BinaryOp.TrimUpper or BinaryOp.TrimLower when lh is not null && rh is null:
                    h = lh.Trimmed(rf, keepBelow: op == BinaryOp.TrimUpper);
                    return true;
                case BinaryOp.Div when lh is not null && rh is null:
                    h = rf == 0 ? DividedByZero(lh) : lh.Divide(rf);
                    return true;
            }
        }
        catch (HistogramMismatchException)
        {
            _ctx.Warn($"vector contains a mix of histograms with exponential and custom buckets schemas for metric name \"\"");
            return false;
        }
        _ctx.Info($"incompatible sample types encountered for binary operator \"{BinaryOps.Text(op)}\": {(lh is null ? "float" : "histogram")} {BinaryOps.Text(op)} {(rh is null ? "float" : "histogram")}");
        return false;
    }
}
