using System.Globalization;
using Argus.Model;
using Argus.Model.Histograms;
using Argus.Model.Labels;

namespace Argus.PromQL.Testing;

/// <summary>
/// <c>load_with_nhcb</c>: turns every classic-histogram family of a load block (<c>X_bucket</c> series
/// with an <c>le</c> label, plus <c>X_count</c> and <c>X_sum</c>) into one native histogram with custom
/// buckets per slot, named <c>X</c> with the family's other labels.
/// </summary>
public static class ClassicHistogramConversion
{
    /// <summary>The converted series: labels and one histogram (or null) per slot.</summary>
    public static List<(LabelSet Labels, FloatHistogram?[] Slots)> Convert(IReadOnlyList<(LabelSet Labels, IReadOnlyList<Slot> Slots)> series)
    {
        var families = new Dictionary<LabelSet, Family>();
        var order = new List<LabelSet>();
        foreach (var (labels, slots) in series)
        {
            var name = labels.MetricName;
            string? part = name.EndsWith("_bucket", StringComparison.Ordinal) && labels.Has(LabelNames.BucketBound) ? "_bucket"
                : name.EndsWith("_count", StringComparison.Ordinal) ? "_count"
                : name.EndsWith("_sum", StringComparison.Ordinal) ? "_sum"
                : null;
            if (part is null)
            {
                continue;
            }
            var key = labels.ToBuilder().Set(LabelNames.MetricName, name[..^part.Length]).Delete(LabelNames.BucketBound).Build();
            if (!families.TryGetValue(key, out var family))
            {
                family = new Family();
                families.Add(key, family);
                order.Add(key);
            }
            switch (part)
            {
                case "_bucket":
                    if (TryParseBound(labels.Get(LabelNames.BucketBound), out var bound))
                    {
                        family.Buckets.Add((bound, slots));
                    }
                    break;
                case "_count":
                    family.Count = slots;
                    break;
                default:
                    family.Sum = slots;
                    break;
            }
        }
        var result = new List<(LabelSet, FloatHistogram?[])>();
        foreach (var key in order)
        {
            var family = families[key];
            if (family.Buckets.Count == 0)
            {
                continue;
            }
            family.Buckets.Sort(static (a, b) => a.Bound.CompareTo(b.Bound));
            var length = family.Buckets.Max(static b => b.Slots.Count);
            var histograms = new FloatHistogram?[length];
            for (var i = 0; i < length; i++)
            {
                histograms[i] = AtSlot(family, i);
            }
            if (histograms.Any(static h => h is not null))
            {
                result.Add((key, histograms));
            }
        }
        return result;
    }

    /// <summary>The histogram of one slot, or null when a bucket has no (or a stale) value there or the
    /// family has no +Inf bucket.</summary>
    private static FloatHistogram? AtSlot(Family family, int i)
    {
        if (!double.IsPositiveInfinity(family.Buckets[^1].Bound))
        {
            return null;
        }
        var cumulative = new double[family.Buckets.Count];
        for (var b = 0; b < cumulative.Length; b++)
        {
            if (ValueAt(family.Buckets[b].Slots, i) is not { } value)
            {
                return null;
            }
            cumulative[b] = value;
        }
        var buckets = new List<(int Index, double Count)>(cumulative.Length);
        for (var b = 0; b < cumulative.Length; b++)
        {
            buckets.Add((b, b == 0 ? cumulative[0] : cumulative[b] - cumulative[b - 1]));
        }
        var (spans, counts) = FloatHistogram.FromIndexed(buckets);
        return new FloatHistogram
        {
            Schema = FloatHistogram.CustomBucketsSchema,
            CustomValues = [.. family.Buckets.Take(family.Buckets.Count - 1).Select(static b => b.Bound)],
            Count = (family.Count is { } count ? ValueAt(count, i) : null) ?? cumulative[^1],
            Sum = (family.Sum is { } sum ? ValueAt(sum, i) : null) ?? 0,
            PositiveSpans = spans,
            PositiveBuckets = counts,
        };
    }

    private static double? ValueAt(IReadOnlyList<Slot> slots, int i) =>
        i < slots.Count && slots[i].Kind == SlotKind.Float && !StaleNaN.Is(slots[i].Value) ? slots[i].Value : null;

    private static bool TryParseBound(string text, out double bound)
    {
        if (text is "+Inf" or "Inf")
        {
            bound = double.PositiveInfinity;
            return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out bound);
    }

    private sealed class Family
    {
        public List<(double Bound, IReadOnlyList<Slot> Slots)> Buckets { get; } = [];

        public IReadOnlyList<Slot>? Count { get; set; }

        public IReadOnlyList<Slot>? Sum { get; set; }
    }
}
