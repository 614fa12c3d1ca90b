using Argus.Model.Histograms;
using Argus.Model.Labels;
using Argus.Storage;
using Argus.Tsdb.Head;

namespace Argus.Tsdb;

/// <summary>
/// Stages one batch of samples for <see cref="TsdbStorage"/>. Series are created in the head on first
/// sight (so the returned <see cref="SeriesRef"/> is usable at once), but samples become visible only
/// when <see cref="Commit"/> has written them to the WAL.
/// </summary>
/// <remarks>Not thread-safe; one per batch; unusable after Commit or Rollback.</remarks>
internal sealed class HeadAppender(TsdbStorage storage, TsdbHead head, TsdbStats stats) : IAppender
{
    private List<PendingSample>? _pending = PendingBatchPool.Rent();

    public AppendStatus Append(ref SeriesRef series, LabelSet labels, long timestampMs, double value)
    {
        var pending = _pending ?? throw new InvalidOperationException("appender already committed or rolled back");
        MemSeries? target = null;
        if (!series.IsNone)
        {
            target = head.GetById(series.Value);
        }
        if (target is null)
        {
            if (labels is null || labels.Count == 0)
            {
                Interlocked.Increment(ref stats.InvalidLabelsRejected);
                return AppendStatus.InvalidLabels;
            }
            target = head.GetOrCreate(labels, out _);
            series = new SeriesRef(target.Id);
        }
        if (timestampMs < head.MinValidTime)
        {
            Interlocked.Increment(ref stats.TooOldRejected);
            return AppendStatus.TooOld;
        }
        // The common case, a sample newer than the series' last one, needs no lock: the commit checks
        // again under the lock. Everything else (duplicates, out-of-order) is decided under it.
        if (timestampMs <= target.MaxTimeRelaxed)
        {
            AppendStatus status;
            lock (target)
            {
                status = target.CheckAppend(timestampMs, value, head.OutOfOrderFloor);
            }
            if (status != AppendStatus.Ok)
            {
                TsdbStorage.CountRejection(stats, status);
                return status;
            }
        }
        pending.Add(new PendingSample(target, timestampMs, value));
        return AppendStatus.Ok;
    }

    /// <summary>The head, WAL and blocks have no histogram encoding yet; refusing loudly keeps a
    /// histogram from being mistaken for a stored sample.</summary>
    public AppendStatus AppendHistogram(ref SeriesRef series, LabelSet labels, long timestampMs, FloatHistogram histogram) =>
        throw new StorageException($"native histograms are not stored by the TSDB yet: rejected the histogram sample at {timestampMs} of {labels}");

    public void Commit()
    {
        var pending = _pending ?? throw new InvalidOperationException("appender already committed or rolled back");
        _pending = null;
        try
        {
            storage.CommitBatch(pending);
        }
        finally
        {
            PendingBatchPool.Return(pending);
        }
    }

    public void Rollback()
    {
        if (_pending is { } pending)
        {
            _pending = null;
            PendingBatchPool.Return(pending);
        }
    }
}
