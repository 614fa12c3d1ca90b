using Argus.Model.Labels;

namespace Argus.PromQL.Engine;

/// <summary>Samples of one series as read from storage (or produced by a subquery), in time order.
/// Owned by one evaluation; never shared across queries.</summary>
internal sealed class RawSeries(LabelSet metric, long[] timestamps, double[] values, int count, bool dropName = false)
{
    public LabelSet Metric { get; set; } = metric;

    public long[] T { get; } = timestamps;

    public double[] F { get; } = values;

    public int Count { get; } = count;

    public bool DropName { get; set; } = dropName;
}
