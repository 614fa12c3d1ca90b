using Argus.Model.Labels;

namespace Argus.Storage.InMemory;

/// <summary>An immutable copy of one series' samples within a querier's range.</summary>
internal sealed class InMemorySeriesSnapshot(LabelSet labels, long[] timestamps, double[] values) : ISeries
{
    public LabelSet Labels { get; } = labels;

    public long[] Timestamps { get; } = timestamps;

    public double[] Values { get; } = values;

    public ISampleIterator Iterator(ISampleIterator? reuse = null)
    {
        if (reuse is InMemorySampleIterator it)
        {
            it.Reset(Timestamps, Values);
            return it;
        }
        var fresh = new InMemorySampleIterator();
        fresh.Reset(Timestamps, Values);
        return fresh;
    }
}
