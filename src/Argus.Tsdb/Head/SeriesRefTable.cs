namespace Argus.Tsdb.Head;

/// <summary>
/// Series by id: a two-level table of pages of <see cref="PageSize"/> slots. Ids are handed out densely
/// and increasing, so a lookup is two array indexings without a lock or a hash, which is what every
/// append with a cached series ref pays. A page is dropped once every series on it is removed, so churn
/// costs a directory slot (8 bytes per <see cref="PageSize"/> ids), not a slot per id ever created.
/// </summary>
/// <remarks>Thread-safe: lookups are lock-free (volatile reads of arrays that are only replaced, never
/// shrunk in place); <see cref="Set"/> and <see cref="Remove"/> serialise on a lock.</remarks>
internal sealed class SeriesRefTable
{
    public const int PageBits = 12;
    public const int PageSize = 1 << PageBits;
    private const ulong SlotMask = PageSize - 1;

    private readonly Lock _lock = new();
    private MemSeries?[]?[] _pages = new MemSeries?[]?[16];
    private int[] _pageCounts = new int[16];

    /// <summary>The series with <paramref name="id"/>, or null.</summary>
    public MemSeries? Get(ulong id)
    {
        var pages = Volatile.Read(ref _pages);
        var pageIndex = id >> PageBits;
        if (pageIndex >= (ulong)pages.Length)
        {
            return null;
        }
        var page = Volatile.Read(ref pages[pageIndex]);
        return page is null ? null : Volatile.Read(ref page[id & SlotMask]);
    }

    public void Set(ulong id, MemSeries series)
    {
        lock (_lock)
        {
            SetLocked(id, series);
        }
    }

    /// <summary>Sets every series of <paramref name="created"/> under one acquisition of the lock (WAL replay
    /// creates a million series on several threads; a lock per series made them queue on each other).</summary>
    public void SetMany(List<MemSeries> created)
    {
        lock (_lock)
        {
            foreach (var series in created)
            {
                SetLocked(series.Id, series);
            }
        }
    }

    private void SetLocked(ulong id, MemSeries series)
    {
        var pageIndex = checked((int)(id >> PageBits));
        {
            var pages = _pages;
            if (pageIndex >= pages.Length)
            {
                var size = pages.Length;
                while (size <= pageIndex)
                {
                    size *= 2;
                }
                var grown = new MemSeries?[]?[size];
                Array.Copy(pages, grown, pages.Length);
                Array.Resize(ref _pageCounts, size);
                // Readers holding the old directory still find every page that existed when they read it.
                Volatile.Write(ref _pages, grown);
                pages = grown;
            }
            var page = pages[pageIndex];
            if (page is null)
            {
                page = new MemSeries?[PageSize];
                Volatile.Write(ref pages[pageIndex], page);
            }
            if (page[id & SlotMask] is null)
            {
                _pageCounts[pageIndex]++;
            }
            Volatile.Write(ref page[id & SlotMask], series);
        }
    }

    public void Remove(ulong id)
    {
        var pageIndex = (int)(id >> PageBits);
        lock (_lock)
        {
            var pages = _pages;
            if (pageIndex >= pages.Length || pages[pageIndex] is not { } page || page[id & SlotMask] is null)
            {
                return;
            }
            Volatile.Write(ref page[id & SlotMask], null);
            if (--_pageCounts[pageIndex] == 0)
            {
                Volatile.Write(ref pages[pageIndex], null);
            }
        }
    }

    /// <summary>Every series present when its page is visited, in id order.</summary>
    public IEnumerable<MemSeries> All()
    {
        var pages = Volatile.Read(ref _pages);
        for (var p = 0; p < pages.Length; p++)
        {
            var page = Volatile.Read(ref pages[p]);
            if (page is null)
            {
                continue;
            }
            for (var i = 0; i < page.Length; i++)
            {
                if (Volatile.Read(ref page[i]) is { } series)
                {
                    yield return series;
                }
            }
        }
    }
}
