using Argus.Model.Labels;
using Argus.Storage;
using Argus.Tsdb.Chunks;
using Argus.Tsdb.Head;

namespace Argus.Tsdb.Blocks;

/// <summary>A block series for a query: chunks copied out of the mapped file at select time, so the
/// series stays valid after the block is closed.</summary>
internal sealed class BlockSeries(LabelSet labels, SealedChunk[] chunks, TimeInterval[] deleted, long minTime, long maxTime) : ISeries
{
    public LabelSet Labels => labels;

    public ISampleIterator Iterator(ISampleIterator? reuse = null)
    {
        var iterator = reuse as SeriesIterator ?? new SeriesIterator();
        iterator.Reset(chunks, [], deleted, minTime, maxTime);
        return iterator;
    }
}
