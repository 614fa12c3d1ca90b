using Argus.Model.Histograms;
using Argus.Model.Labels;

namespace Argus.Storage.InMemory;

/// <summary>An immutable copy of one series' samples within a querier's range.</summary>
/// <remarks>Knows its newest sample (the slice is already clamped to the querier's range), so the PromQL
/// tests run the engine's instant-selector shortcut as well as the sample walk.</remarks>
internal sealed class InMemorySeriesSnapshot(LabelSet labels, long[] timestamps, double[] values, FloatHistogram?[]? histograms) : ISeries, ILatestSample
{
    public LabelSet Labels { get; } = labels;

    public long[] Timestamps { get; } = timestamps;

    public double[] Values { get; } = values;

    /// <summary>The histogram of each slot that holds one; null when the snapshot holds no histograms.</summary>
    public FloatHistogram?[]? Histograms { get; } = histograms;

    public bool TryGetLatest(long atOrBefore, out long timestampMs, out double value)
    {
        if (Timestamps.Length == 0 || Timestamps[^1] > atOrBefore || Histograms?[^1] is not null)
        {
            (timestampMs, value) = (0, 0);
            return false;
        }
        (timestampMs, value) = (Timestamps[^1], Values[^1]);
        return true;
    }

    public ISampleIterator Iterator(ISampleIterator? reuse = null)
    {
        if (reuse is InMemorySampleIterator it)
        {
            it.Reset(Timestamps, Values, Histograms);
            return it;
        }
        var fresh = new InMemorySampleIterator();
        fresh.Reset(Timestamps, Values, Histograms);
        return fresh;
    }
}
