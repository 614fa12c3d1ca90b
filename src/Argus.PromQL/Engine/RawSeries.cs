using Argus.Model.Histograms;
using Argus.Model.Labels;

namespace Argus.PromQL.Engine;

/// <summary>Samples of one series as read from storage (or produced by a subquery), in time order.
/// Owned by one evaluation; never shared across queries. Storage reads keep the samples in the
/// selection's <see cref="SampleArena"/>; subqueries produce arrays of their own.</summary>
internal sealed class RawSeries
{
    private readonly long[]? _timestamps;
    private readonly double[]? _values;
    private readonly SampleArena? _arena;
    private readonly int _offset;

    public RawSeries(LabelSet metric, long[] timestamps, double[] values, int count, bool dropName = false)
    {
        Metric = metric;
        _timestamps = timestamps;
        _values = values;
        Count = count;
        DropName = dropName;
    }

    public RawSeries(LabelSet metric, SampleArena arena, int offset, int count)
    {
        Metric = metric;
        _arena = arena;
        _offset = offset;
        Count = count;
    }

    public LabelSet Metric { get; set; }

    public ReadOnlySpan<long> T => _arena is null ? _timestamps.AsSpan(0, Count) : _arena.Timestamps(_offset, Count);

    public ReadOnlySpan<double> F => _arena is null ? _values.AsSpan(0, Count) : _arena.Values(_offset, Count);

    public int Count { get; }

    /// <summary>Timestamps of the histogram samples, parallel to <see cref="HistogramValues"/>; null when
    /// the series has none. Kept apart from the floats so float functions read their spans unchanged.</summary>
    public long[]? HistogramTimes { get; set; }

    public FloatHistogram[]? HistogramValues { get; set; }

    public bool HasHistograms => HistogramTimes is { Length: > 0 };

    public bool DropName { get; set; }
}
