using Argus.Model.Labels;
using Argus.Storage;
using Argus.Tsdb.Blocks;

namespace Argus.Tsdb;

/// <summary>
/// Reads the head and every block overlapping [minTime, maxTime] as one: series with equal labels are
/// merged and overlapping samples deduplicated. Holds a reference on each block until disposed.
/// </summary>
/// <remarks>Thread-safe for concurrent calls; dispose once.</remarks>
internal sealed class TsdbQuerier(HeadQuerier head, Block[] blocks, long minTime, long maxTime) : IQuerier
{
    private int _disposed;

    public ISeriesSet Select(bool sorted, SelectHints? hints, params IReadOnlyList<LabelMatcher> matchers)
    {
        if (blocks.Length == 0)
        {
            // Recent data (rules, dashboards over the last hours) lives in the head alone: its lazy set is
            // already in label order and needs no merging.
            return head.Select(sorted, hints, matchers);
        }
        var byLabels = new SortedDictionary<LabelSet, List<ISeries>>();
        foreach (var block in blocks)
        {
            foreach (var index in block.Select(matchers))
            {
                var (labels, metas) = block.ReadSeries(index);
                var chunks = metas.Where(m => m.MaxTime >= minTime && m.MinTime <= maxTime).Select(block.ReadChunk).ToArray();
                if (chunks.Length > 0)
                {
                    Add(byLabels, labels, new BlockSeries(labels, chunks, block.Deletions(index), minTime, maxTime));
                }
            }
        }
        foreach (var series in head.SelectSnapshots(matchers))
        {
            Add(byLabels, series.Labels, series);
        }
        return new ListSeriesSet([.. byLabels.Select(kv => kv.Value.Count == 1 ? kv.Value[0] : new MergedSeries(kv.Key, kv.Value))]);
    }

    public IReadOnlyList<string> LabelNames(params IReadOnlyList<LabelMatcher> matchers)
    {
        var names = new SortedSet<string>(head.LabelNames(matchers), StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            if (matchers.Count == 0)
            {
                names.UnionWith(block.LabelNames());
                continue;
            }
            foreach (var index in block.Select(matchers))
            {
                foreach (var label in block.ReadSeries(index).Labels.AsSpan())
                {
                    names.Add(label.Name);
                }
            }
        }
        return [.. names];
    }

    public IReadOnlyList<string> LabelValues(string name, params IReadOnlyList<LabelMatcher> matchers)
    {
        var values = new SortedSet<string>(head.LabelValues(name, matchers), StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            if (matchers.Count == 0)
            {
                values.UnionWith(block.LabelValues(name));
                continue;
            }
            foreach (var index in block.Select(matchers))
            {
                var value = block.ReadSeries(index).Labels.Get(name);
                if (value.Length > 0)
                {
                    values.Add(value);
                }
            }
        }
        return [.. values];
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        head.Dispose();
        foreach (var block in blocks)
        {
            block.Release();
        }
    }

    private static void Add(SortedDictionary<LabelSet, List<ISeries>> byLabels, LabelSet labels, ISeries series)
    {
        if (!byLabels.TryGetValue(labels, out var list))
        {
            byLabels[labels] = list = [];
        }
        list.Add(series);
    }
}
