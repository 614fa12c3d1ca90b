using System.Collections.Concurrent;

namespace Argus.Tsdb.Head;

/// <summary>
/// The label order of recent large selections, keyed by their matchers. Sorting a thousand series by
/// labels costs more than reading a sample from each (every comparison chases label strings through
/// memory), and rules select the same series every interval: while a selection's postings are the same
/// ids as when it was cached, its order is reused. Labels of a series never change and ids are never
/// reused, so equal ids mean equal order.
/// </summary>
/// <remarks>Thread-safe; entries are immutable. Holds 12 bytes per cached id; when more than
/// <paramref name="maxIds"/> ids are cached the whole cache is dropped and refills with what is in use.</remarks>
internal sealed class SortedSelectionCache(int maxIds = 1 << 20)
{
    /// <summary>Selections smaller than this sort quickly enough; they are not cached.</summary>
    public const int MinSeries = 64;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _cachedIds;

    /// <summary>The cached label order (positions into <paramref name="ids"/>) when the selection
    /// <paramref name="key"/> last had exactly these ids.</summary>
    public int[]? Find(string key, ulong[] ids) =>
        _entries.TryGetValue(key, out var entry) && entry.Ids.AsSpan().SequenceEqual(ids) ? entry.LabelOrder : null;

    public void Add(string key, ulong[] ids, int[] labelOrder)
    {
        if (_entries.TryGetValue(key, out var old))
        {
            Interlocked.Add(ref _cachedIds, -old.Ids.Length);
        }
        if (Interlocked.Add(ref _cachedIds, ids.Length) > maxIds)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _cachedIds, ids.Length);
        }
        _entries[key] = new Entry(ids, labelOrder);
    }

    private sealed record Entry(ulong[] Ids, int[] LabelOrder);
}
