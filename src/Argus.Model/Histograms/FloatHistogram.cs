namespace Argus.Model.Histograms;

/// <summary>
/// A native histogram with float (absolute) bucket counts: exponential buckets of a standard schema
/// (-4…8, bucket <c>i</c> covering <c>(base^(i-1), base^i]</c> with <c>base = 2^(2^-schema)</c>) mirrored for
/// negative observations plus a zero bucket, or custom bucket bounds (schema -53). Operations return new
/// histograms and never change their operands, so a sample read from storage can be shared freely.
/// </summary>
public sealed class FloatHistogram
{
    /// <summary>The schema number of histograms with custom bucket bounds.</summary>
    public const int CustomBucketsSchema = -53;

    public const int MinStandardSchema = -4;

    public const int MaxStandardSchema = 8;

    public int Schema { get; init; }

    /// <summary>Half-width of the zero bucket, which covers <c>[-ZeroThreshold, ZeroThreshold]</c>.</summary>
    public double ZeroThreshold { get; init; }

    public double ZeroCount { get; init; }

    /// <summary>Number of observations, including the zero bucket and NaN observations.</summary>
    public double Count { get; init; }

    public double Sum { get; init; }

    public HistogramSpan[] PositiveSpans { get; init; } = [];

    /// <summary>Absolute counts of the buckets the positive spans cover, in index order.</summary>
    public double[] PositiveBuckets { get; init; } = [];

    public HistogramSpan[] NegativeSpans { get; init; } = [];

    public double[] NegativeBuckets { get; init; } = [];

    /// <summary>Upper bounds of the custom buckets (schema -53 only), without the implicit +Inf.</summary>
    public double[] CustomValues { get; init; } = [];

    public CounterResetHint CounterResetHint { get; init; }

    public bool UsesCustomBuckets => Schema == CustomBucketsSchema;

    /// <summary>A copy with another counter-reset hint (everything else shared: histograms are immutable).</summary>
    public FloatHistogram WithHint(CounterResetHint hint) => hint == CounterResetHint ? this : new FloatHistogram
    {
        Schema = Schema,
        ZeroThreshold = ZeroThreshold,
        ZeroCount = ZeroCount,
        Count = Count,
        Sum = Sum,
        PositiveSpans = PositiveSpans,
        PositiveBuckets = PositiveBuckets,
        NegativeSpans = NegativeSpans,
        NegativeBuckets = NegativeBuckets,
        CustomValues = CustomValues,
        CounterResetHint = hint,
    };

    /// <summary>The populated bucket indexes and counts of one side, in index order.</summary>
    public static List<(int Index, double Count)> Indexed(HistogramSpan[] spans, double[] buckets)
    {
        var result = new List<(int, double)>(buckets.Length);
        var index = 0;
        var b = 0;
        for (var s = 0; s < spans.Length; s++)
        {
            index += spans[s].Offset;
            for (var k = 0; k < spans[s].Length; k++)
            {
                if (b >= buckets.Length)
                {
                    throw new FormatException($"histogram spans cover more buckets than the {buckets.Length} given");
                }
                result.Add((index, buckets[b++]));
                index++;
            }
        }
        if (b != buckets.Length)
        {
            throw new FormatException($"histogram spans cover {b} buckets but {buckets.Length} are given");
        }
        return result;
    }

    /// <summary>Spans and counts for indexed buckets sorted by index; consecutive indexes share a span.</summary>
    public static (HistogramSpan[] Spans, double[] Buckets) FromIndexed(List<(int Index, double Count)> buckets)
    {
        var spans = new List<HistogramSpan>();
        var counts = new double[buckets.Count];
        var previousEnd = 0;
        for (var i = 0; i < buckets.Count; i++)
        {
            counts[i] = buckets[i].Count;
            if (i > 0 && buckets[i].Index == previousEnd)
            {
                spans[^1] = spans[^1] with { Length = spans[^1].Length + 1 };
            }
            else
            {
                spans.Add(new HistogramSpan(spans.Count == 0 ? buckets[i].Index : buckets[i].Index - previousEnd, 1));
            }
            previousEnd = buckets[i].Index + 1;
        }
        return ([.. spans], counts);
    }

    /// <summary>The same histogram without empty buckets, in as few spans as possible.</summary>
    public FloatHistogram Compact()
    {
        var positive = Indexed(PositiveSpans, PositiveBuckets);
        var negative = Indexed(NegativeSpans, NegativeBuckets);
        positive.RemoveAll(static b => b.Count == 0);
        negative.RemoveAll(static b => b.Count == 0);
        return WithBuckets(positive, negative);
    }

    private FloatHistogram WithBuckets(List<(int Index, double Count)> positive, List<(int Index, double Count)> negative, int? schema = null, double? zeroThreshold = null, double? zeroCount = null)
    {
        var (ps, pb) = FromIndexed(positive);
        var (ns, nb) = FromIndexed(negative);
        return new FloatHistogram
        {
            Schema = schema ?? Schema,
            ZeroThreshold = zeroThreshold ?? ZeroThreshold,
            ZeroCount = zeroCount ?? ZeroCount,
            Count = Count,
            Sum = Sum,
            PositiveSpans = ps,
            PositiveBuckets = pb,
            NegativeSpans = ns,
            NegativeBuckets = nb,
            CustomValues = CustomValues,
            CounterResetHint = CounterResetHint,
        };
    }

    /// <summary>Every count and the sum multiplied by <paramref name="factor"/>.</summary>
    public FloatHistogram Scale(double factor) => MapCounts(x => x * factor);

    /// <summary>Every count and the sum divided by <paramref name="divisor"/>. Kept apart from
    /// <see cref="Scale"/> because <c>x / d</c> and <c>x * (1 / d)</c> differ in the last bits.</summary>
    public FloatHistogram Divide(double divisor) => MapCounts(x => x / divisor);

    private FloatHistogram MapCounts(Func<double, double> map)
    {
        var positive = new double[PositiveBuckets.Length];
        for (var i = 0; i < positive.Length; i++)
        {
            positive[i] = map(PositiveBuckets[i]);
        }
        var negative = new double[NegativeBuckets.Length];
        for (var i = 0; i < negative.Length; i++)
        {
            negative[i] = map(NegativeBuckets[i]);
        }
        return new FloatHistogram
        {
            Schema = Schema,
            ZeroThreshold = ZeroThreshold,
            ZeroCount = map(ZeroCount),
            Count = map(Count),
            Sum = map(Sum),
            PositiveSpans = PositiveSpans,
            PositiveBuckets = positive,
            NegativeSpans = NegativeSpans,
            NegativeBuckets = negative,
            CustomValues = CustomValues,
            CounterResetHint = CounterResetHint,
        };
    }

    /// <summary><c>this + other</c> bucket by bucket. Schemas are reduced to the coarser one and zero
    /// buckets widened to the wider one (taking in every bucket they overlap).</summary>
    /// <exception cref="HistogramMismatchException">One uses custom buckets and the other does not, or
    /// their custom bounds differ.</exception>
    public FloatHistogram Add(FloatHistogram other) => Combine(other, 1, out _);

    /// <summary><see cref="Add(FloatHistogram)"/>, telling whether differing custom bounds had to be reconciled.</summary>
    public FloatHistogram Add(FloatHistogram other, out bool reconciledCustomBounds) => Combine(other, 1, out reconciledCustomBounds);

    /// <summary><c>this - other</c>, with the same reconciliation as <see cref="Add(FloatHistogram)"/>.</summary>
    public FloatHistogram Subtract(FloatHistogram other) => Combine(other, -1, out _);

    /// <summary><see cref="Subtract(FloatHistogram)"/>, telling whether differing custom bounds had to be reconciled.</summary>
    public FloatHistogram Subtract(FloatHistogram other, out bool reconciledCustomBounds) => Combine(other, -1, out reconciledCustomBounds);

    private FloatHistogram Combine(FloatHistogram other, double sign, out bool reconciledCustomBounds)
    {
        CheckCompatible(other);
        reconciledCustomBounds = false;
        if (UsesCustomBuckets && !IsCompatible(other))
        {
            var common = CommonBounds(CustomValues, other.CustomValues);
            reconciledCustomBounds = true;
            return ToCustomBounds(common).Combine(other.ToCustomBounds(common), sign, out _);
        }
        var schema = Math.Min(Schema, other.Schema);
        var threshold = Math.Max(ZeroThreshold, other.ZeroThreshold);
        Reduced a, b;
        while (true)
        {
            a = Reduce(schema, threshold);
            b = other.Reduce(schema, threshold);
            var widest = Math.Max(a.ZeroThreshold, b.ZeroThreshold);
            if (widest == threshold)
            {
                break;
            }
            threshold = widest;
        }
        var hint = CombinedHint(CounterResetHint, other.CounterResetHint);
        return Assemble(schema, threshold, a.ZeroCount + (sign * b.ZeroCount), Count + (sign * other.Count), Sum + (sign * other.Sum),
            UsesCustomBuckets ? CustomValues : [], hint, Merge(a.Positive, b.Positive, sign), Merge(a.Negative, b.Negative, sign));
    }

    /// <summary>
    /// <c>this + increment</c> with Neumaier compensation, for sums of many histograms whose counts differ
    /// by orders of magnitude: the rounding error of every count and of the sum is carried in
    /// <paramref name="compensation"/> (start with null), to be added once at the end.
    /// </summary>
    public FloatHistogram KahanAdd(FloatHistogram increment, ref FloatHistogram? compensation, out bool reconciledCustomBounds)
    {
        CheckCompatible(increment);
        reconciledCustomBounds = false;
        var sum = this;
        var carried = compensation ?? new FloatHistogram { Schema = Schema, ZeroThreshold = ZeroThreshold, CustomValues = CustomValues };
        if (UsesCustomBuckets && !IsCompatible(increment))
        {
            var common = CommonBounds(CustomValues, increment.CustomValues);
            (sum, carried, increment) = (ToCustomBounds(common), carried.ToCustomBounds(common), increment.ToCustomBounds(common));
            reconciledCustomBounds = true;
        }
        var schema = Math.Min(sum.Schema, Math.Min(increment.Schema, carried.Schema));
        var threshold = Math.Max(sum.ZeroThreshold, Math.Max(increment.ZeroThreshold, carried.ZeroThreshold));
        Reduced a, b, c;
        while (true)
        {
            a = sum.Reduce(schema, threshold);
            b = increment.Reduce(schema, threshold);
            c = carried.Reduce(schema, threshold);
            var widest = Math.Max(a.ZeroThreshold, Math.Max(b.ZeroThreshold, c.ZeroThreshold));
            if (widest == threshold)
            {
                break;
            }
            threshold = widest;
        }
        var (count, countC) = Neumaier(sum.Count, increment.Count, carried.Count);
        var (total, totalC) = Neumaier(sum.Sum, increment.Sum, carried.Sum);
        var (zero, zeroC) = Neumaier(a.ZeroCount, b.ZeroCount, c.ZeroCount);
        var (positive, positiveC) = NeumaierBuckets(a.Positive, b.Positive, c.Positive);
        var (negative, negativeC) = NeumaierBuckets(a.Negative, b.Negative, c.Negative);
        var hint = CombinedHint(CounterResetHint, increment.CounterResetHint);
        compensation = Assemble(schema, threshold, zeroC, countC, totalC, sum.CustomValues, hint, positiveC, negativeC);
        return Assemble(schema, threshold, zero, count, total, sum.CustomValues, hint, positive, negative);
    }

    private static FloatHistogram Assemble(int schema, double zeroThreshold, double zeroCount, double count, double sum, double[] customValues,
        CounterResetHint hint, List<(int Index, double Count)> positive, List<(int Index, double Count)> negative) => new FloatHistogram
        {
            Schema = schema,
            ZeroThreshold = zeroThreshold,
            ZeroCount = zeroCount,
            Count = count,
            Sum = sum,
            CustomValues = customValues,
            CounterResetHint = hint,
        }.WithBuckets(positive, negative);

    /// <summary>One compensated addition: the new sum and the new accumulated error.</summary>
    private static (double Sum, double Compensation) Neumaier(double sum, double increment, double compensation)
    {
        var t = sum + increment;
        if (double.IsInfinity(t))
        {
            return (t, 0);
        }
        compensation += Math.Abs(sum) >= Math.Abs(increment) ? (sum - t) + increment : (increment - t) + sum;
        return (t, compensation);
    }

    private static (List<(int Index, double Count)> Sums, List<(int Index, double Count)> Compensations) NeumaierBuckets(
        List<(int Index, double Count)> sums, List<(int Index, double Count)> increments, List<(int Index, double Count)> compensations)
    {
        var merged = new SortedDictionary<int, (double S, double X, double C)>();
        foreach (var (index, count) in sums)
        {
            merged[index] = (count, 0, 0);
        }
        foreach (var (index, count) in increments)
        {
            merged[index] = merged.TryGetValue(index, out var e) ? e with { X = count } : (0, count, 0);
        }
        foreach (var (index, count) in compensations)
        {
            merged[index] = merged.TryGetValue(index, out var e) ? e with { C = count } : (0, 0, count);
        }
        var resultSums = new List<(int, double)>(merged.Count);
        var resultCompensations = new List<(int, double)>(merged.Count);
        foreach (var (index, (s, x, c)) in merged)
        {
            var (sum, compensation) = Neumaier(s, x, c);
            resultSums.Add((index, sum));
            resultCompensations.Add((index, compensation));
        }
        return (resultSums, resultCompensations);
    }

    /// <summary>True when <paramref name="other"/> can be added to or compared bucket-wise with this one.</summary>
    public bool IsCompatible(FloatHistogram other) =>
        UsesCustomBuckets == other.UsesCustomBuckets && (!UsesCustomBuckets || CustomValues.AsSpan().SequenceEqual(other.CustomValues));

    private void CheckCompatible(FloatHistogram other)
    {
        if (UsesCustomBuckets != other.UsesCustomBuckets)
        {
            throw new HistogramMismatchException("cannot combine a histogram with custom buckets and one with exponential buckets");
        }
    }

    /// <summary>The bounds two custom-bucket layouts share: the coarsest layout both can be expressed in.</summary>
    private static double[] CommonBounds(double[] a, double[] b)
    {
        var common = new List<double>(Math.Min(a.Length, b.Length));
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common.Add(a[i]);
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return [.. common];
    }

    /// <summary>This custom-bucket histogram with its buckets merged into the coarser <paramref name="bounds"/>
    /// (a subset of its own): each bucket goes to the first bound at or above its upper bound, or to the
    /// +Inf bucket.</summary>
    private FloatHistogram ToCustomBounds(double[] bounds)
    {
        var merged = new List<(int Index, double Count)>();
        foreach (var (index, count) in Indexed(PositiveSpans, PositiveBuckets))
        {
            var upper = UpperBound(index);
            var target = 0;
            while (target < bounds.Length && bounds[target] < upper)
            {
                target++;
            }
            if (merged.Count > 0 && merged[^1].Index == target)
            {
                merged[^1] = (target, merged[^1].Count + count);
            }
            else
            {
                merged.Add((target, count));
            }
        }
        return new FloatHistogram
        {
            Schema = Schema,
            Count = Count,
            Sum = Sum,
            CustomValues = bounds,
            CounterResetHint = CounterResetHint,
        }.WithBuckets(merged, []);
    }

    private static CounterResetHint CombinedHint(CounterResetHint a, CounterResetHint b)
    {
        if (a == b)
        {
            return a;
        }
        return a == CounterResetHint.Gauge || b == CounterResetHint.Gauge ? CounterResetHint.Gauge : CounterResetHint.Unknown;
    }

    private static List<(int Index, double Count)> Merge(List<(int Index, double Count)> a, List<(int Index, double Count)> b, double sign)
    {
        var result = new List<(int, double)>(Math.Max(a.Count, b.Count));
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            if (j >= b.Count || (i < a.Count && a[i].Index < b[j].Index))
            {
                result.Add(a[i++]);
            }
            else if (i >= a.Count || b[j].Index < a[i].Index)
            {
                result.Add((b[j].Index, sign * b[j].Count));
                j++;
            }
            else
            {
                result.Add((a[i].Index, a[i].Count + (sign * b[j].Count)));
                i++;
                j++;
            }
        }
        return result;
    }

    /// <summary>The buckets of this histogram at a coarser (or equal) schema and an at least as wide zero bucket.</summary>
    private readonly record struct Reduced(List<(int Index, double Count)> Positive, List<(int Index, double Count)> Negative, double ZeroThreshold, double ZeroCount);

    private Reduced Reduce(int schema, double threshold)
    {
        var positive = ReduceSide(Indexed(PositiveSpans, PositiveBuckets), Schema - schema);
        var negative = ReduceSide(Indexed(NegativeSpans, NegativeBuckets), Schema - schema);
        if (UsesCustomBuckets)
        {
            return new Reduced(positive, negative, ZeroThreshold, ZeroCount);
        }
        var zeroCount = ZeroCount;
        if (threshold > ZeroThreshold)
        {
            // A bucket overlapping the wider zero bucket moves into it entirely, and if it reaches past the
            // threshold the zero bucket grows to its upper bound, which may take in more buckets.
            var moved = true;
            while (moved)
            {
                moved = TakeIntoZero(positive, schema, ref threshold, ref zeroCount) | TakeIntoZero(negative, schema, ref threshold, ref zeroCount);
            }
        }
        else
        {
            threshold = ZeroThreshold;
        }
        return new Reduced(positive, negative, threshold, zeroCount);
    }

    private static bool TakeIntoZero(List<(int Index, double Count)> buckets, int schema, ref double threshold, ref double zeroCount)
    {
        var taken = 0;
        while (taken < buckets.Count && Bound(buckets[taken].Index - 1, schema) < threshold)
        {
            zeroCount += buckets[taken].Count;
            threshold = Math.Max(threshold, Bound(buckets[taken].Index, schema));
            taken++;
        }
        buckets.RemoveRange(0, taken);
        return taken > 0;
    }

    private static List<(int Index, double Count)> ReduceSide(List<(int Index, double Count)> buckets, int delta)
    {
        if (delta <= 0)
        {
            return buckets;
        }
        var result = new List<(int, double)>(buckets.Count);
        foreach (var (index, count) in buckets)
        {
            // Bucket i of the finer schema lies inside bucket ((i-1) >> delta) + 1 of the coarser one:
            // bucket 0 is (1/base, 1] in every schema, and each coarser bucket spans 2^delta finer ones.
            var target = ((index - 1) >> delta) + 1;
            if (result.Count > 0 && result[^1].Item1 == target)
            {
                result[^1] = (target, result[^1].Item2 + count);
            }
            else
            {
                result.Add((target, count));
            }
        }
        return result;
    }

    /// <summary>The upper bound of exponential bucket <paramref name="index"/> in <paramref name="schema"/>.</summary>
    public static double Bound(int index, int schema)
    {
        if (schema <= 0)
        {
            var exponent = (long)index << -schema;
            return exponent >= 1024 ? double.MaxValue : Math.ScaleB(1, (int)Math.Max(exponent, -1100));
        }
        var perOctave = 1 << schema;
        var fraction = index & (perOctave - 1);
        var octave = index >> schema;
        if (fraction == 0 && octave >= 1024)
        {
            return double.MaxValue;
        }
        return Math.ScaleB(Math.Pow(2, fraction / (double)perOctave), octave);
    }

    /// <summary>The upper bound of bucket <paramref name="index"/> of this histogram's schema (custom
    /// buckets: the custom bound, +Inf for the last bucket).</summary>
    public double UpperBound(int index)
    {
        if (!UsesCustomBuckets)
        {
            return Bound(index, Schema);
        }
        return index < CustomValues.Length ? CustomValues[index] : double.PositiveInfinity;
    }

    private double LowerBound(int index)
    {
        if (!UsesCustomBuckets)
        {
            return Bound(index - 1, Schema);
        }
        return index == 0 ? double.NegativeInfinity : CustomValues[index - 1];
    }

    /// <summary>Every bucket in ascending order of its bounds: negative buckets, the zero bucket (when
    /// it has a count or a width), positive buckets. Empty buckets are included as stored.</summary>
    public IEnumerable<HistogramBucket> Buckets()
    {
        var negative = Indexed(NegativeSpans, NegativeBuckets);
        for (var i = negative.Count - 1; i >= 0; i--)
        {
            var (index, count) = negative[i];
            yield return new HistogramBucket(-Bound(index, Schema), -Bound(index - 1, Schema), count, true, false);
        }
        if (!UsesCustomBuckets && (ZeroCount != 0 || ZeroThreshold != 0))
        {
            yield return new HistogramBucket(-ZeroThreshold, ZeroThreshold, ZeroCount, true, true);
        }
        foreach (var (index, count) in Indexed(PositiveSpans, PositiveBuckets))
        {
            yield return new HistogramBucket(LowerBound(index), UpperBound(index), count, false, true);
        }
    }

    /// <summary>
    /// True when this histogram cannot be the continuation of <paramref name="previous"/> as a counter:
    /// the hint says so, the count or a bucket went down, the schema got finer, the zero bucket narrower,
    /// or the custom bounds changed.
    /// </summary>
    public bool DetectReset(FloatHistogram previous)
    {
        if (CounterResetHint == CounterResetHint.Reset)
        {
            return true;
        }
        if (CounterResetHint == CounterResetHint.NotReset)
        {
            return false;
        }
        if (Count < previous.Count || UsesCustomBuckets != previous.UsesCustomBuckets || Schema > previous.Schema || ZeroThreshold < previous.ZeroThreshold)
        {
            return true;
        }
        if (UsesCustomBuckets && !IsCompatible(previous))
        {
            // Changed bounds are compared in the layout both share, as addition reconciles them.
            var common = CommonBounds(CustomValues, previous.CustomValues);
            return ToCustomBounds(common).DetectReset(previous.ToCustomBounds(common));
        }
        var reduced = previous.Reduce(Schema, ZeroThreshold);
        if (reduced.ZeroThreshold != ZeroThreshold || ZeroCount < reduced.ZeroCount)
        {
            return true;
        }
        return Decreased(reduced.Positive, Indexed(PositiveSpans, PositiveBuckets)) || Decreased(reduced.Negative, Indexed(NegativeSpans, NegativeBuckets));
    }

    private static bool Decreased(List<(int Index, double Count)> previous, List<(int Index, double Count)> current)
    {
        var j = 0;
        foreach (var (index, count) in previous)
        {
            if (count == 0)
            {
                continue;
            }
            while (j < current.Count && current[j].Index < index)
            {
                j++;
            }
            if (j >= current.Count || current[j].Index != index || current[j].Count < count)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Equality as the test scripts define it: both sides compacted, then schema, zero threshold, custom
    /// bounds and populated bucket indexes exactly equal and every count and the sum equal under
    /// <paramref name="floatEquals"/>. The counter-reset hint is compared only when <paramref name="compareHint"/>.
    /// </summary>
    public bool Equivalent(FloatHistogram other, Func<double, double, bool> floatEquals, bool compareHint = false)
    {
        var a = Compact();
        var b = other.Compact();
        if (a.Schema != b.Schema || a.ZeroThreshold != b.ZeroThreshold || !a.CustomValues.AsSpan().SequenceEqual(b.CustomValues))
        {
            return false;
        }
        if (compareHint && a.CounterResetHint != b.CounterResetHint)
        {
            return false;
        }
        if (!floatEquals(a.Count, b.Count) || !floatEquals(a.Sum, b.Sum) || !floatEquals(a.ZeroCount, b.ZeroCount))
        {
            return false;
        }
        return a.PositiveSpans.AsSpan().SequenceEqual(b.PositiveSpans) && a.NegativeSpans.AsSpan().SequenceEqual(b.NegativeSpans)
            && SameCounts(a.PositiveBuckets, b.PositiveBuckets, floatEquals) && SameCounts(a.NegativeBuckets, b.NegativeBuckets, floatEquals);
    }

    private static bool SameCounts(double[] a, double[] b, Func<double, double, bool> floatEquals)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (!floatEquals(a[i], b[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The part of this histogram below (<paramref name="keepBelow"/>) or above
    /// <paramref name="cutoff"/>, for PromQL's trim operators; this histogram itself when nothing is cut.</summary>
    public FloatHistogram Trimmed(double cutoff, bool keepBelow) => HistogramTrim.Apply(this, cutoff, keepBelow);

    /// <summary>The <c>{{…}}</c> notation of the test scripts.</summary>
    public override string ToString() => HistogramNotation.Format(this);
}
