using Argus.Model.Labels;
using Argus.Storage;
using Argus.Tsdb.Head;

namespace Argus.Tsdb;

/// <summary>
/// Reads the head over [minTime, maxTime]. Each selected series is snapshotted under its lock, so the
/// result is a consistent view of committed data at the time of the call.
/// </summary>
/// <remarks>Thread-safe; results stay valid after disposal (they share immutable chunk arrays).</remarks>
internal sealed class HeadQuerier(TsdbHead head, long minTime, long maxTime) : IQuerier
{
    /// <summary>The matching series in label order, read lazily through one reused view (see
    /// <see cref="HeadSeriesSet"/>): a series is only valid until the set moves on.</summary>
    public ISeriesSet Select(bool sorted, SelectHints? hints, params IReadOnlyList<LabelMatcher> matchers)
    {
        var series = SelectSeries(matchers, out var count);
        return new HeadSeriesSet(series, count, minTime, maxTime);
    }

    /// <summary>The matching series as independent snapshots in label order, for callers that keep
    /// several series at once (merging the head with blocks).</summary>
    public List<ISeries> SelectSnapshots(IReadOnlyList<LabelMatcher> matchers)
    {
        var series = SelectSeries(matchers, out var count);
        var result = new List<ISeries>(count);
        for (var i = 0; i < count; i++)
        {
            lock (series[i])
            {
                result.Add(series[i].Snapshot(minTime, maxTime));
            }
        }
        return result;
    }

    private MemSeries[] SelectSeries(IReadOnlyList<LabelMatcher> matchers, out int count)
    {
        var ids = head.Postings.Select(matchers);
        if (ids.Length >= SortedSelectionCache.MinSeries && SelectInCachedOrder(matchers, ids, out count) is { } ordered)
        {
            return ordered;
        }
        var result = new MemSeries[ids.Length];
        count = 0;
        foreach (var id in ids)
        {
            var series = head.GetById(id);
            if (series is not null && InRange(series))
            {
                result[count++] = series;
            }
        }
        // Postings order is id order; label order is what callers asked for (and cheap to provide).
        // Series created together (one target's) often are in label order already: checking costs
        // one comparison per series, sorting n·log n.
        for (var i = 1; i < count; i++)
        {
            if (result[i - 1].Labels.CompareTo(result[i].Labels) > 0)
            {
                Array.Sort(result, 0, count, SeriesByLabels.Instance);
                break;
            }
        }
        return result;
    }

    /// <summary>The selection in label order through the head's cache of recent orders, sorting and
    /// caching it on a miss; null when a series went away meanwhile (the caller sorts as usual).</summary>
    private MemSeries[]? SelectInCachedOrder(IReadOnlyList<LabelMatcher> matchers, ulong[] ids, out int count)
    {
        count = 0;
        var key = string.Join('\u0001', matchers);
        var all = new MemSeries[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            if (head.GetById(ids[i]) is not { } series)
            {
                return null;
            }
            all[i] = series;
        }
        var order = head.SortedSelections.Find(key, ids);
        if (order is null)
        {
            order = new int[ids.Length];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }
            var keys = (MemSeries[])all.Clone();
            Array.Sort(keys, order, SeriesByLabels.Instance);
            head.SortedSelections.Add(key, ids, order);
        }
        var result = new MemSeries[ids.Length];
        foreach (var position in order)
        {
            var series = all[position];
            if (InRange(series))
            {
                result[count++] = series;
            }
        }
        return result;
    }

    // Series that stopped before the range (churned targets) are left out before sorting. The read is
    // unlocked: the set checks the exact range under the series' lock when it gets there, and a
    // series' newest time only grows.
    private bool InRange(MemSeries series) => series.MaxTimeRelaxed >= minTime;

    public IReadOnlyList<string> LabelNames(params IReadOnlyList<LabelMatcher> matchers)
    {
        if (matchers.Count == 0)
        {
            return head.Postings.LabelNames();
        }
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var labels in MatchingLabelSets(matchers))
        {
            foreach (var label in labels.AsSpan())
            {
                names.Add(label.Name);
            }
        }
        return [.. names];
    }

    public IReadOnlyList<string> LabelValues(string name, params IReadOnlyList<LabelMatcher> matchers)
    {
        if (matchers.Count == 0)
        {
            return head.Postings.LabelValues(name);
        }
        var values = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var labels in MatchingLabelSets(matchers))
        {
            var value = labels.Get(name);
            if (value.Length > 0)
            {
                values.Add(value);
            }
        }
        return [.. values];
    }

    public void Dispose()
    {
        // Nothing pinned: head data is shared through immutable arrays and collected by the GC.
    }

    private IEnumerable<LabelSet> MatchingLabelSets(IReadOnlyList<LabelMatcher> matchers)
    {
        foreach (var id in head.Postings.Select(matchers))
        {
            var series = head.GetById(id);
            if (series is not null)
            {
                yield return series.Labels;
            }
        }
    }
}
