namespace Argus.Model.Histograms;

/// <summary>
/// The experimental trim operators: the part of a histogram below (<c>&lt;/</c>) or above (<c>&gt;/</c>)
/// a cut-off. A bucket the cut-off falls into keeps the share on the kept side, interpolated on a log
/// scale inside exponential buckets and linearly in the zero and custom buckets; the sum is rebuilt from
/// each kept range's representative value (geometric mean for exponential buckets, midpoint otherwise).
/// </summary>
internal static class HistogramTrim
{
    /// <summary>How much of one bucket is kept and at which representative value.</summary>
    private readonly record struct Kept(double Count, double Value);

    public static FloatHistogram Apply(FloatHistogram h, double cutoff, bool keepBelow)
    {
        if (double.IsNaN(cutoff) || (keepBelow && double.IsPositiveInfinity(cutoff)) || (!keepBelow && double.IsNegativeInfinity(cutoff)))
        {
            return h;
        }
        var trimmed = false;
        double count = 0, sum = 0;
        List<(int Index, double Count)> Side(HistogramSpan[] spans, double[] buckets, bool negative)
        {
            var result = new List<(int, double)>(buckets.Length);
            foreach (var (index, c) in FloatHistogram.Indexed(spans, buckets))
            {
                var kept = h.UsesCustomBuckets ? Custom(h, index, c, cutoff, keepBelow) : Exponential(h, index, c, negative, cutoff, keepBelow);
                trimmed |= kept.Count != c;
                count += kept.Count;
                sum += kept.Count == 0 ? 0 : kept.Count * kept.Value;
                result.Add((index, kept.Count));
            }
            return result;
        }
        var positive = Side(h.PositiveSpans, h.PositiveBuckets, negative: false);
        var negativeBuckets = Side(h.NegativeSpans, h.NegativeBuckets, negative: true);
        var zero = new Kept(0, 0);
        if (!h.UsesCustomBuckets)
        {
            var (lower, upper) = (-h.ZeroThreshold, h.ZeroThreshold);
            if (h.NegativeBuckets.Length == 0 && h.PositiveBuckets.Length > 0)
            {
                lower = 0;
            }
            else if (h.PositiveBuckets.Length == 0 && h.NegativeBuckets.Length > 0)
            {
                upper = 0;
            }
            zero = Linear(lower, upper, h.ZeroCount, cutoff, keepBelow);
            trimmed |= zero.Count != h.ZeroCount;
            count += zero.Count;
            sum += zero.Count == 0 ? 0 : zero.Count * zero.Value;
        }
        if (!trimmed)
        {
            return h;
        }
        var (ps, pb) = FloatHistogram.FromIndexed(positive);
        var (ns, nb) = FloatHistogram.FromIndexed(negativeBuckets);
        return new FloatHistogram
        {
            Schema = h.Schema,
            ZeroThreshold = h.ZeroThreshold,
            ZeroCount = zero.Count,
            Count = count,
            Sum = sum,
            PositiveSpans = ps,
            PositiveBuckets = pb,
            NegativeSpans = ns,
            NegativeBuckets = nb,
            CustomValues = h.CustomValues,
            CounterResetHint = h.CounterResetHint,
        };
    }

    /// <summary>The kept share of <c>[lower, upper]</c> holding <paramref name="count"/>, linearly.</summary>
    private static Kept Linear(double lower, double upper, double count, double cutoff, bool keepBelow)
    {
        if (keepBelow ? upper <= cutoff : lower >= cutoff)
        {
            return new Kept(count, (lower + upper) / 2);
        }
        if (keepBelow ? lower >= cutoff : upper <= cutoff)
        {
            return new Kept(0, 0);
        }
        var below = (cutoff - lower) / (upper - lower);
        return keepBelow ? new Kept(count * below, (lower + cutoff) / 2) : new Kept(count * (1 - below), (cutoff + upper) / 2);
    }

    private static Kept Exponential(FloatHistogram h, int index, double count, bool negative, double cutoff, bool keepBelow)
    {
        // Negative buckets mirror positive ones: [-upper, -lower) for the same index.
        var (lower, upper) = negative
            ? (-FloatHistogram.Bound(index, h.Schema), -FloatHistogram.Bound(index - 1, h.Schema))
            : (FloatHistogram.Bound(index - 1, h.Schema), FloatHistogram.Bound(index, h.Schema));
        static double Representative(double a, double b) => Math.Sign(a + b) * Math.Sqrt(Math.Abs(a) * Math.Abs(b));
        if (keepBelow ? upper <= cutoff : lower >= cutoff)
        {
            return new Kept(count, Representative(lower, upper));
        }
        if (keepBelow ? lower >= cutoff : upper <= cutoff)
        {
            return new Kept(0, 0);
        }
        // Share of the bucket from its lower edge to the cut-off, on a log scale of distance from zero.
        var below = negative
            ? (Math.Log2(-lower) - Math.Log2(-cutoff)) / (Math.Log2(-lower) - Math.Log2(-upper))
            : (Math.Log2(cutoff) - Math.Log2(lower)) / (Math.Log2(upper) - Math.Log2(lower));
        return keepBelow
            ? new Kept(count * below, Representative(lower, cutoff))
            : new Kept(count * (1 - below), Representative(cutoff, upper));
    }

    /// <summary>
    /// Custom buckets interpolate linearly. The open-ended buckets cannot be interpolated: the +Inf bucket
    /// is kept whole above a cut-off (valued at the larger of its bound and the cut-off) and never below
    /// one; the first bucket counts from 0 when its bound is positive, and otherwise is kept whole below
    /// a cut-off (valued at the smaller of its bound and the cut-off) and never above one.
    /// </summary>
    private static Kept Custom(FloatHistogram h, int index, double count, double cutoff, bool keepBelow)
    {
        var bounds = h.CustomValues;
        var lower = index == 0 ? double.NegativeInfinity : bounds[index - 1];
        var upper = index < bounds.Length ? bounds[index] : double.PositiveInfinity;
        if (double.IsNegativeInfinity(lower) && double.IsPositiveInfinity(upper))
        {
            return new Kept(0, 0);
        }
        if (double.IsPositiveInfinity(upper))
        {
            return keepBelow || double.IsPositiveInfinity(cutoff) ? new Kept(0, 0) : new Kept(count, Math.Max(lower, cutoff));
        }
        if (double.IsNegativeInfinity(lower))
        {
            if (upper > 0)
            {
                return cutoff < 0 ? new Kept(0, 0) : Linear(0, upper, count, cutoff, keepBelow);
            }
            return keepBelow ? new Kept(count, Math.Min(upper, cutoff)) : new Kept(0, 0);
        }
        return Linear(lower, upper, count, cutoff, keepBelow);
    }
}
