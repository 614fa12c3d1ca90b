using Argus.Model.Labels;

namespace Argus.Storage;

/// <summary>One series of a selection: its labels and its samples within the querier's time range.</summary>
public interface ISeries
{
    LabelSet Labels { get; }

    /// <summary>
    /// An iterator over the samples. Pass the iterator of a previous series in <paramref name="reuse"/>
    /// to let the storage reset it instead of allocating; the passed iterator must not be used afterwards.
    /// </summary>
    ISampleIterator Iterator(ISampleIterator? reuse = null);
}
