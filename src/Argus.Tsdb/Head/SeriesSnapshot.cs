using Argus.Model;
using Argus.Model.Labels;
using Argus.Storage;
using Argus.Tsdb.Chunks;

namespace Argus.Tsdb.Head;

/// <summary>
/// An immutable copy-on-read view of one head series for a query: shared chunk arrays, a private copy
/// of the out-of-order samples and the deletion intervals, clamped to the querier's range.
/// </summary>
internal sealed class SeriesSnapshot(LabelSet labels, SealedChunk[] chunks, Sample[] outOfOrder, TimeInterval[] deleted, long minTime, long maxTime) : ISeries
{
    public LabelSet Labels => labels;

    public ISampleIterator Iterator(ISampleIterator? reuse = null)
    {
        var iterator = reuse as SeriesIterator ?? new SeriesIterator();
        iterator.Reset(chunks, outOfOrder, deleted, minTime, maxTime);
        return iterator;
    }
}
