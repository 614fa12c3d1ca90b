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
    public ISeriesSet Select(bool sorted, SelectHints? hints, params IReadOnlyList<LabelMatcher> matchers)
    {
        var ids = head.Postings.Select(matchers);
        var result = new List<ISeries>(ids.Length);
        foreach (var id in ids)
        {
            var series = head.GetById(id);
            if (series is null)
            {
                continue;
            }
            lock (series)
            {
                if (series.Overlaps(minTime, maxTime))
                {
                    result.Add(series.Snapshot(minTime, maxTime));
                }
            }
        }
        // Postings order is id order; label order is what callers asked for (and cheap to provide).
        result.Sort(static (a, b) => a.Labels.CompareTo(b.Labels));
        return new ListSeriesSet(result);
    }

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
