using System.Buffers;
using Argus.Model.Labels;

namespace Argus.PromQL.Engine;

/// <summary>Samples of one series as read from storage (or produced by a subquery), in time order.
/// Owned by one evaluation; never shared across queries. Only the first <see cref="Count"/> entries of
/// <see cref="T"/> and <see cref="F"/> are samples: storage reads rent the arrays from the shared pools.</summary>
internal sealed class RawSeries(LabelSet metric, long[] timestamps, double[] values, int count, bool dropName = false)
{
    private bool _pooled;

    public LabelSet Metric { get; set; } = metric;

    public long[] T { get; private set; } = timestamps;

    public double[] F { get; private set; } = values;

    public int Count { get; private set; } = count;

    public bool DropName { get; set; } = dropName;

    /// <summary>Copies samples into arrays rented from the shared pools; give them back with
    /// <see cref="ReturnBuffers"/> once every consumer is done.</summary>
    public static RawSeries Rent(LabelSet metric, ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values)
    {
        var t = ArrayPool<long>.Shared.Rent(timestamps.Length);
        var f = ArrayPool<double>.Shared.Rent(values.Length);
        timestamps.CopyTo(t);
        values.CopyTo(f);
        return new RawSeries(metric, t, f, timestamps.Length) { _pooled = true };
    }

    /// <summary>Returns rented arrays to the pools and empties the series; a no-op for owned arrays.</summary>
    public void ReturnBuffers()
    {
        if (!_pooled)
        {
            return;
        }
        _pooled = false;
        ArrayPool<long>.Shared.Return(T);
        ArrayPool<double>.Shared.Return(F);
        T = [];
        F = [];
        Count = 0;
    }
}
