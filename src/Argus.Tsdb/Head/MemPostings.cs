using System.Runtime.CompilerServices;
using Argus.Model.Labels;

namespace Argus.Tsdb.Head;

/// <summary>
/// Inverted index of the head: label name → value → sorted series ids, plus the list of all ids.
/// Answers matcher sets by intersecting the postings of matchers that reject "" and subtracting the
/// values rejected by matchers that accept "", as Prometheus does.
/// </summary>
/// <remarks>Thread-safe: a reader/writer lock; readers get copies, so results stay valid after return.</remarks>
internal sealed class MemPostings
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, Dictionary<string, List<ulong>>> _byName = new(StringComparer.Ordinal);
    private readonly List<ulong> _all = [];

    public void Add(ulong id, LabelSet labels)
    {
        _lock.EnterWriteLock();
        try
        {
            AddLocked(id, labels);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Adds many series under one lock; in increasing id order every insert is an append.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddMany(List<MemSeries> series)
    {
        // Consecutive series (one target's) share most label pairs, and label strings are interned: the
        // list used at each label position last time is reused when both strings are the same objects,
        // which skips the two string-keyed lookups per label.
        const int Remembered = 16;
        var names = new string?[Remembered];
        var values = new string?[Remembered];
        var lists = new List<ulong>?[Remembered];
        _lock.EnterWriteLock();
        try
        {
            foreach (var s in series)
            {
                InsertSorted(_all, s.Id);
                var labels = s.Labels.AsSpan();
                for (var i = 0; i < labels.Length; i++)
                {
                    var label = labels[i];
                    List<ulong> ids;
                    if (i < Remembered && ReferenceEquals(names[i], label.Name) && ReferenceEquals(values[i], label.Value))
                    {
                        ids = lists[i]!;
                    }
                    else
                    {
                        ids = ListFor(label);
                        if (i < Remembered)
                        {
                            (names[i], values[i], lists[i]) = (label.Name, label.Value, ids);
                        }
                    }
                    InsertSorted(ids, s.Id);
                }
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void AddLocked(ulong id, LabelSet labels)
    {
        InsertSorted(_all, id);
        foreach (var label in labels.AsSpan())
        {
            InsertSorted(ListFor(label), id);
        }
    }

    /// <summary>The postings list of one label pair, created if missing; caller holds the write lock.</summary>
    private List<ulong> ListFor(Label label)
    {
        if (!_byName.TryGetValue(label.Name, out var values))
        {
            values = new Dictionary<string, List<ulong>>(StringComparer.Ordinal);
            _byName[label.Name] = values;
        }
        if (!values.TryGetValue(label.Value, out var ids))
        {
            ids = [];
            values[label.Value] = ids;
        }
        return ids;
    }

    public void Remove(ulong id, LabelSet labels)
    {
        _lock.EnterWriteLock();
        try
        {
            RemoveSorted(_all, id);
            foreach (var label in labels.AsSpan())
            {
                if (_byName.TryGetValue(label.Name, out var values) && values.TryGetValue(label.Value, out var ids))
                {
                    RemoveSorted(ids, id);
                    if (ids.Count == 0)
                    {
                        values.Remove(label.Value);
                        if (values.Count == 0)
                        {
                            _byName.Remove(label.Name);
                        }
                    }
                }
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Sorted ids of the series matching every matcher. With no matcher, every series.</summary>
    /// <exception cref="ArgumentException">Every matcher accepts the empty string.</exception>
    public ulong[] Select(IReadOnlyList<LabelMatcher> matchers)
    {
        _lock.EnterReadLock();
        try
        {
            if (matchers.Count == 0)
            {
                return [.. _all];
            }
            ulong[]? result = null;
            foreach (var matcher in matchers)
            {
                if (matcher.MatchesEmpty)
                {
                    continue;
                }
                var matching = UnionOfValues(matcher, wantMatch: true);
                result = result is null ? matching : Intersect(result, matching);
                if (result.Length == 0)
                {
                    return result;
                }
            }
            if (result is null)
            {
                throw new ArgumentException("at least one matcher must not match the empty string: " + string.Join(", ", matchers));
            }
            foreach (var matcher in matchers)
            {
                if (matcher.MatchesEmpty)
                {
                    result = Subtract(result, UnionOfValues(matcher, wantMatch: false));
                }
            }
            return result;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public string[] LabelNames()
    {
        _lock.EnterReadLock();
        try
        {
            var names = _byName.Keys.ToArray();
            Array.Sort(names, StringComparer.Ordinal);
            return names;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public string[] LabelValues(string name)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_byName.TryGetValue(name, out var values))
            {
                return [];
            }
            var result = values.Keys.ToArray();
            Array.Sort(result, StringComparer.Ordinal);
            return result;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Series count per value of <paramref name="name"/>, for cardinality statistics.</summary>
    public List<KeyValuePair<string, int>> ValueCounts(string name)
    {
        _lock.EnterReadLock();
        try
        {
            return _byName.TryGetValue(name, out var values)
                ? values.Select(kv => new KeyValuePair<string, int>(kv.Key, kv.Value.Count)).ToList()
                : [];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Per label name: series count having it and distinct value count; plus label-pair counts.</summary>
    public (List<KeyValuePair<string, int>> SeriesPerName, List<KeyValuePair<string, int>> ValuesPerName, List<KeyValuePair<string, int>> SeriesPerPair) Cardinality()
    {
        _lock.EnterReadLock();
        try
        {
            var perName = new List<KeyValuePair<string, int>>();
            var valuesPerName = new List<KeyValuePair<string, int>>();
            var perPair = new List<KeyValuePair<string, int>>();
            foreach (var (name, values) in _byName)
            {
                var total = 0;
                foreach (var (value, ids) in values)
                {
                    total += ids.Count;
                    perPair.Add(new(name + "=" + value, ids.Count));
                }
                perName.Add(new(name, total));
                valuesPerName.Add(new(name, values.Count));
            }
            return (perName, valuesPerName, perPair);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private ulong[] UnionOfValues(LabelMatcher matcher, bool wantMatch)
    {
        if (!_byName.TryGetValue(matcher.Name, out var values))
        {
            return [];
        }
        if (wantMatch && matcher.Type == Argus.Model.Labels.MatchType.Equal)
        {
            return values.TryGetValue(matcher.Value, out var exact) ? [.. exact] : [];
        }
        var lists = new List<List<ulong>>();
        if (wantMatch && matcher.SetMatches is { } literals)
        {
            foreach (var literal in literals)
            {
                if (values.TryGetValue(literal, out var ids))
                {
                    lists.Add(ids);
                }
            }
        }
        else
        {
            foreach (var (value, ids) in values)
            {
                if (matcher.Matches(value) == wantMatch)
                {
                    lists.Add(ids);
                }
            }
        }
        return Union(lists);
    }

    private static ulong[] Union(List<List<ulong>> lists)
    {
        if (lists.Count == 0)
        {
            return [];
        }
        if (lists.Count == 1)
        {
            return [.. lists[0]];
        }
        var total = 0;
        foreach (var l in lists)
        {
            total += l.Count;
        }
        var merged = new ulong[total];
        var offset = 0;
        foreach (var l in lists)
        {
            l.CopyTo(merged, offset);
            offset += l.Count;
        }
        Array.Sort(merged);
        var unique = 0;
        for (var i = 0; i < merged.Length; i++)
        {
            if (i == 0 || merged[i] != merged[unique - 1])
            {
                merged[unique++] = merged[i];
            }
        }
        return unique == merged.Length ? merged : merged[..unique];
    }

    /// <summary>Intersection of two sorted id arrays.</summary>
    internal static ulong[] Intersect(ulong[] a, ulong[] b)
    {
        var result = new List<ulong>(Math.Min(a.Length, b.Length));
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                result.Add(a[i]);
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return [.. result];
    }

    /// <summary>Elements of sorted <paramref name="a"/> not in sorted <paramref name="b"/>.</summary>
    internal static ulong[] Subtract(ulong[] a, ulong[] b)
    {
        if (b.Length == 0)
        {
            return a;
        }
        var result = new List<ulong>(a.Length);
        var j = 0;
        foreach (var id in a)
        {
            while (j < b.Length && b[j] < id)
            {
                j++;
            }
            if (j >= b.Length || b[j] != id)
            {
                result.Add(id);
            }
        }
        return [.. result];
    }

    private static void InsertSorted(List<ulong> ids, ulong id)
    {
        // Ids are allocated increasing, so this is nearly always an append.
        if (ids.Count == 0 || ids[^1] < id)
        {
            ids.Add(id);
            return;
        }
        var index = ids.BinarySearch(id);
        if (index < 0)
        {
            ids.Insert(~index, id);
        }
    }

    private static void RemoveSorted(List<ulong> ids, ulong id)
    {
        var index = ids.BinarySearch(id);
        if (index >= 0)
        {
            ids.RemoveAt(index);
        }
    }
}
