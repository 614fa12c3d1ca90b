using Argus.Model.Histograms;
using Argus.Model.Labels;

namespace Argus.Storage.InMemory;

/// <summary>Stages samples until <see cref="Commit"/>. Not thread-safe; one per batch.</summary>
internal sealed class InMemoryAppender(InMemoryStorage storage) : IAppender
{
    private readonly List<(LabelSet Labels, long T, double V, FloatHistogram? H)> _staged = [];
    private bool _done;

    public AppendStatus Append(ref SeriesRef series, LabelSet labels, long timestampMs, double value) =>
        Stage(ref series, labels, timestampMs, value, null);

    public AppendStatus AppendHistogram(ref SeriesRef series, LabelSet labels, long timestampMs, FloatHistogram histogram) =>
        Stage(ref series, labels, timestampMs, 0, histogram);

    private AppendStatus Stage(ref SeriesRef series, LabelSet labels, long timestampMs, double value, FloatHistogram? histogram)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (storage.LabelsFor(series) is { } known)
        {
            labels = known;
        }
        if (labels is null || labels.Count == 0)
        {
            return AppendStatus.InvalidLabels;
        }
        series = storage.RefFor(labels);
        _staged.Add((labels, timestampMs, value, histogram));
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
