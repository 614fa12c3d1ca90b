using Argus.Model.Histograms;
using Argus.Model.Labels;

namespace Argus.Storage.InMemory;

/// <summary>
/// A simple, correct in-memory storage: one sorted sample array per series. Used by the PromQL test
/// runner and unit tests until the TSDB is wired in. Appends of older samples are inserted in order;
/// a sample at an existing timestamp replaces it (tests may overwrite).
/// </summary>
/// <remarks>Thread-safe: appends take a lock; queriers read an immutable snapshot taken at creation.</remarks>
public sealed class InMemoryStorage : IAppendable, IQueryable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<LabelSet, InMemorySeries> _series = [];

    // Refs are storage-wide, as the IAppender contract promises: a ref from one appender stays valid in
    // the next (the rule group keeps the refs of the series it writes at every evaluation).
    private readonly Dictionary<LabelSet, SeriesRef> _refsByLabels = [];
    private readonly List<LabelSet> _labelsByRef = [];

    public IAppender CreateAppender() => new InMemoryAppender(this);

    public IQuerier CreateQuerier(long minTimeMs, long maxTimeMs)
    {
        lock (_lock)
        {
            var snapshot = new List<InMemorySeriesSnapshot>(_series.Count);
            foreach (var s in _series.Values)
            {
                var (ts, vs, hs) = s.Slice(minTimeMs, maxTimeMs);
                snapshot.Add(new InMemorySeriesSnapshot(s.Labels, ts, vs, hs));
            }
            return new InMemoryQuerier(snapshot);
        }
    }

    /// <summary>Removes every series.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _series.Clear();
        }
    }

    /// <summary>Number of series stored.</summary>
    public int SeriesCount
    {
        get
        {
            lock (_lock)
            {
                return _series.Count;
            }
        }
    }

    /// <summary>The ref of <paramref name="labels"/>, assigned on first use.</summary>
    internal SeriesRef RefFor(LabelSet labels)
    {
        lock (_lock)
        {
            if (!_refsByLabels.TryGetValue(labels, out var reference))
            {
                _labelsByRef.Add(labels);
                reference = new SeriesRef((ulong)_labelsByRef.Count);
                _refsByLabels.Add(labels, reference);
            }
            return reference;
        }
    }

    /// <summary>The labels <paramref name="reference"/> was assigned to, or null for an unknown ref.</summary>
    internal LabelSet? LabelsFor(SeriesRef reference)
    {
        lock (_lock)
        {
            return reference.IsNone || reference.Value > (ulong)_labelsByRef.Count ? null : _labelsByRef[(int)reference.Value - 1];
        }
    }

    internal void Commit(List<(LabelSet Labels, long T, double V, FloatHistogram? H)> staged)
    {
        lock (_lock)
        {
            foreach (var (labels, t, v, h) in staged)
            {
                if (!_series.TryGetValue(labels, out var series))
                {
                    series = new InMemorySeries(labels);
                    _series.Add(labels, series);
                }
                series.Add(t, v, h);
            }
        }
    }
}
