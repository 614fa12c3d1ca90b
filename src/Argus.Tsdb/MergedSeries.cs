using Argus.Model.Labels;
using Argus.Storage;

namespace Argus.Tsdb;

/// <summary>One label set present in several sources; iterates their merged samples.</summary>
internal sealed class MergedSeries(LabelSet labels, List<ISeries> parts) : ISeries
{
    public LabelSet Labels => labels;

    public ISampleIterator Iterator(ISampleIterator? reuse = null) =>
        parts.Count == 1 ? parts[0].Iterator(reuse) : new MergedSampleIterator([.. parts.Select(p => p.Iterator())]);
}
