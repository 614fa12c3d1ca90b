using Argus.Model.Labels;

namespace Argus.Tsdb.Head;

/// <summary>
/// The in-memory recent window: series looked up by label hash or by id through striped maps, an
/// inverted index for matchers, and time bounds used by the out-of-order window.
/// </summary>
/// <remarks>
/// Thread-safety: the hash map is split into <see cref="StripeCount"/> stripes, each with its own lock,
/// so appenders creating different series rarely contend; lookups by id are lock-free
/// (<see cref="SeriesRefTable"/>); per-series data is guarded by locking the <see cref="MemSeries"/>
/// itself. Lock order: hash stripe, then the id table, then series.
/// </remarks>
internal sealed class TsdbHead
{
    public const int StripeCount = 4096;
    private const int StripeMask = StripeCount - 1;

    private readonly HeadStripe[] _stripes;
    private readonly SeriesRefTable _byId = new();
    private readonly TsdbStats _stats;
    private long _lastSeriesId;
    private long _maxTime = long.MinValue;

    public TsdbHead(TsdbStats stats, long outOfOrderWindowMs)
    {
        _stats = stats;
        OutOfOrderWindowMs = outOfOrderWindowMs;
        _stripes = new HeadStripe[StripeCount];
        for (var i = 0; i < StripeCount; i++)
        {
            _stripes[i] = new HeadStripe();
        }
    }

    public MemPostings Postings { get; } = new();

    /// <summary>Label order of recent large selections (see <see cref="SortedSelectionCache"/>).</summary>
    public SortedSelectionCache SortedSelections { get; } = new();

    public long OutOfOrderWindowMs { get; }

    /// <summary>Newest sample timestamp committed to the head.</summary>
    public long MaxTime => Volatile.Read(ref _maxTime);

    /// <summary>Samples older than this are rejected as too old (set by retention).</summary>
    public long MinValidTime { get; set; } = long.MinValue;

    public long SeriesCount => Volatile.Read(ref _stats.HeadSeries);

    /// <summary>The lower bound for out-of-order samples right now; long.MaxValue when disabled.</summary>
    public long OutOfOrderFloor
    {
        get
        {
            if (OutOfOrderWindowMs <= 0)
            {
                return long.MaxValue;
            }
            var max = MaxTime;
            return Math.Max(max == long.MinValue ? long.MinValue : max - OutOfOrderWindowMs, MinValidTime);
        }
    }

    /// <summary>The series for <paramref name="labels"/>, created (with a fresh id) if it does not exist.</summary>
    public MemSeries GetOrCreate(LabelSet labels, out bool created)
    {
        var series = FindOrInsert(labels, 0, out created);
        if (created)
        {
            _byId.Set(series.Id, series);
            Postings.Add(series.Id, labels);
            Interlocked.Increment(ref _stats.HeadSeries);
            Interlocked.Increment(ref _stats.HeadSeriesCreated);
        }
        return series;
    }

    /// <summary>WAL replay's half of <see cref="GetOrCreate(LabelSet, out bool)"/>, keeping the WAL's
    /// <paramref name="id"/> for a created series: the series is only
    /// entered in the label-hash map, so other records of its labels find it; the caller passes every series
    /// created this way to <see cref="IndexReplayed"/> before anything looks them up by id. Replay creates
    /// series on several threads, out of id order: one id-table lock, one postings insert and one shared
    /// counter update per series made the threads queue on each other and move the tails of the postings
    /// lists.</summary>
    public MemSeries GetOrCreateReplayed(LabelSet labels, ulong id, out bool created) => FindOrInsert(labels, id, out created);

    /// <summary>Grows every stripe of the label-hash map, before replay creates <paramref name="count"/> more
    /// series, to hold its share of them. Growing the stripes one insertion at a time re-hashed and copied
    /// each of them a dozen times and took about a fifth of the CPU of replaying a million series.</summary>
    public void ReserveForReplay(int count)
    {
        // Hashes spread evenly, so a stripe receives count / StripeCount series, give or take a few
        // standard deviations (about sqrt of the mean); the rare stripe above that grows as usual.
        if (count < StripeCount)
        {
            return; // a few series per stripe at most: growing on demand costs nothing worth avoiding
        }
        var mean = (double)count / StripeCount;
        var share = (int)Math.Ceiling(mean + (3 * Math.Sqrt(mean)));
        foreach (var stripe in _stripes)
        {
            lock (stripe.Lock)
            {
                stripe.ByHash.EnsureCapacity(stripe.ByHash.Count + share);
            }
        }
    }

    /// <summary>Makes series created by <see cref="GetOrCreateReplayed"/> visible by id and in the postings, and
    /// counts them.</summary>
    public void IndexReplayed(List<MemSeries> created)
    {
        if (created.Count == 0)
        {
            return;
        }
        created.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        _byId.SetMany(created);
        Postings.AddMany(created);
        BumpLastId(created[^1].Id);
        Interlocked.Add(ref _stats.HeadSeries, created.Count);
        Interlocked.Add(ref _stats.HeadSeriesCreated, created.Count);
    }

    /// <summary>Finds the series of <paramref name="labels"/> or enters a new one in the label-hash map, with
    /// <paramref name="id"/>, or a fresh id when it is zero.</summary>
    private MemSeries FindOrInsert(LabelSet labels, ulong id, out bool created)
    {
        var hash = labels.StableHash;
        var stripe = _stripes[(int)(hash & StripeMask)];
        MemSeries series;
        lock (stripe.Lock)
        {
            stripe.ByHash.TryGetValue(hash, out var head);
            for (var s = head; s is not null; s = s.NextWithSameHash)
            {
                if (s.Labels.Equals(labels))
                {
                    created = false;
                    return s;
                }
            }
            if (id == 0)
            {
                id = (ulong)Interlocked.Increment(ref _lastSeriesId);
            }
            // A replayed id is counted by IndexReplayed, once per file, before any append can ask for a fresh one.
            series = new MemSeries(id, labels) { NextWithSameHash = head };
            stripe.ByHash[hash] = series;
        }
        created = true;
        return series;
    }

    /// <summary>The series with <paramref name="id"/>, or null; lock-free.</summary>
    public MemSeries? GetById(ulong id) => _byId.Get(id);

    /// <summary>Records that a sample at <paramref name="timestamp"/> was committed.</summary>
    public void ObserveTime(long timestamp)
    {
        var current = Volatile.Read(ref _maxTime);
        while (timestamp > current)
        {
            var seen = Interlocked.CompareExchange(ref _maxTime, timestamp, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }

    /// <summary>Every series, in id order; series created or removed during the walk may be missed.</summary>
    public IEnumerable<MemSeries> AllSeries() => _byId.All();

    /// <summary>Removes a series that holds no data any more (after retention).</summary>
    public void Remove(MemSeries series)
    {
        var hashStripe = _stripes[(int)(series.Hash & StripeMask)];
        lock (hashStripe.Lock)
        {
            lock (series)
            {
                if (!series.IsEmpty)
                {
                    return; // an append raced in; keep it
                }
            }
            if (RemoveFromChain(hashStripe, series))
            {
                _byId.Remove(series.Id);
            }
        }
        Postings.Remove(series.Id, series.Labels);
        Interlocked.Decrement(ref _stats.HeadSeries);
    }

    private static bool RemoveFromChain(HeadStripe stripe, MemSeries series)
    {
        if (!stripe.ByHash.TryGetValue(series.Hash, out var head))
        {
            return false;
        }
        if (ReferenceEquals(head, series))
        {
            if (series.NextWithSameHash is null)
            {
                stripe.ByHash.Remove(series.Hash);
            }
            else
            {
                stripe.ByHash[series.Hash] = series.NextWithSameHash;
            }
            return true;
        }
        for (var s = head; s.NextWithSameHash is not null; s = s.NextWithSameHash)
        {
            if (ReferenceEquals(s.NextWithSameHash, series))
            {
                s.NextWithSameHash = series.NextWithSameHash;
                return true;
            }
        }
        return false;
    }

    private void BumpLastId(ulong id)
    {
        var current = Volatile.Read(ref _lastSeriesId);
        while ((long)id > current)
        {
            var seen = Interlocked.CompareExchange(ref _lastSeriesId, (long)id, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
