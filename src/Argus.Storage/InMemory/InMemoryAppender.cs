using Argus.Model.Labels;

namespace Argus.Storage.InMemory;

/// <summary>Stages samples until <see cref="Commit"/>. Not thread-safe; one per batch.</summary>
internal sealed class InMemoryAppender(InMemoryStorage storage) : IAppender
{
    private readonly List<(LabelSet Labels, long T, double V)> _staged = [];
    private readonly List<LabelSet> _refs = [];
    private bool _done;

    public AppendStatus Append(ref SeriesRef series, LabelSet labels, long timestampMs, double value)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (!series.IsNone && series.Value <= (ulong)_refs.Count)
        {
            labels = _refs[(int)series.Value - 1];
        }
        if (labels.Count == 0)
        {
            return AppendStatus.InvalidLabels;
        }
        if (series.IsNone)
        {
            _refs.Add(labels);
            series = new SeriesRef((ulong)_refs.Count);
        }
        _staged.Add((labels, timestampMs, value));
        return AppendStatus.Ok;
    }

    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _done = true;
        storage.Commit(_staged);
    }

    public void Rollback()
    {
        _done = true;
        _staged.Clear();
    }
}
