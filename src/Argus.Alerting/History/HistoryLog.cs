using Argus.Alerting.Persistence;

namespace Argus.Alerting.History;

/// <summary>
/// The alert history: a bounded, persisted sequence of <see cref="HistoryEvent"/>s. Bounded by age
/// (<see cref="HistoryLogOptions.Retention"/>) and by the size of the encoded events
/// (<see cref="HistoryLogOptions.MaxBytes"/>); the oldest go first. Persisted with <see cref="SnapshotLog{T}"/>
/// (<c>history.snapshot</c>, <c>history.log</c>): each event is handed to the operating system as it is recorded, so
/// killing the process loses none, and fsynced by <see cref="Sync"/> (the alert manager calls it every few seconds)
/// rather than per event, because the history can record hundreds of events in one flush; a torn tail after a power
/// loss is cut off on replay. The log is folded into a new snapshot by <see cref="Maintain"/> and whenever it grows
/// past the size bound.
/// </summary>
/// <remarks>Thread-safe: one lock serialises recording and queries.</remarks>
public sealed class HistoryLog : IDisposable
{
    private readonly Lock _lock = new();
    private readonly HistoryLogOptions _options;
    private readonly SnapshotLog<HistoryEvent>? _log;
    private readonly List<Entry> _events = [];
    private int _head;
    private long _bytes;
    private long _nextSequence = 1;
    private bool _dirty;

    private HistoryLog(HistoryLogOptions options, SnapshotLog<HistoryEvent>? log, IEnumerable<HistoryEvent> replayed)
    {
        _options = options;
        _log = log;
        foreach (var e in replayed.OrderBy(e => e.Sequence))
        {
            AddInMemory(e, HistoryCodec.Instance.Encode(e).Length);
            _nextSequence = e.Sequence + 1;
        }
        Trim(options.Time.GetUtcNow().UtcDateTime);
    }

    /// <summary>Opens the history, replaying its files when a directory is set.</summary>
    public static HistoryLog Open(HistoryLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Retention <= TimeSpan.Zero)
        {
            throw new ArgumentException($"history retention must be positive, got {options.Retention}", nameof(options));
        }
        if (options.MaxBytes <= 0)
        {
            throw new ArgumentException($"history size limit must be positive, got {options.MaxBytes}", nameof(options));
        }
        if (options.Directory is null)
        {
            return new HistoryLog(options, null, []);
        }
        var log = SnapshotLog<HistoryEvent>.Open(options.Directory, "history", HistoryCodec.Instance, out var events);
        return new HistoryLog(options, log, events.Values);
    }

    /// <summary>How many events are kept.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _events.Count - _head;
            }
        }
    }

    /// <summary>The encoded size of the events kept, in bytes.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>The time of the newest event, or null when there is none.</summary>
    public DateTime? LastEventAt
    {
        get
        {
            lock (_lock)
            {
                return _events.Count > _head ? _events[^1].Event.At : null;
            }
        }
    }

    /// <summary>Records <paramref name="events"/> in order, assigning their sequence numbers; returns them as kept.</summary>
    public IReadOnlyList<HistoryEvent> Record(IEnumerable<HistoryEvent> events)
    {
        var (recorded, handOver) = Append(events);
        // Outside the lock: the write that hands the events to the operating system (so that a killed process loses
        // none) serves every recorder that appended meanwhile, and no one waits for the lock across it.
        if (handOver > 0)
        {
            _log!.HandToOperatingSystem(handOver);
        }
        return recorded;
    }

    /// <summary>
    /// <see cref="Record(IEnumerable{HistoryEvent})"/> for the notification pipeline: the events are with the operating
    /// system when the task completes, and the wait holds no thread, so the deliveries of a mass flush share one write
    /// instead of queueing for it.
    /// </summary>
    public async Task<IReadOnlyList<HistoryEvent>> RecordAsync(IEnumerable<HistoryEvent> events)
    {
        var (recorded, handOver) = Append(events);
        if (handOver > 0)
        {
            await _log!.HandToOperatingSystemAsync(handOver).ConfigureAwait(false);
        }
        return recorded;
    }

    // Numbers the events and adds them to memory and to the log's buffer; returns them with the sequence number of the
    // last record to hand over (0 without persistence).
    private (List<HistoryEvent> Recorded, long HandOver) Append(IEnumerable<HistoryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        // Encoded before taking the lock, which every delivery and every new alert needs; only the sequence number
        // is filled in under it.
        var encoded = events.Select(e => (Event: e, Payload: HistoryCodec.Instance.Encode(e))).ToList();
        var recorded = new List<HistoryEvent>(encoded.Count);
        long handOver = 0;
        lock (_lock)
        {
            foreach (var (e, payload) in encoded)
            {
                var numbered = e with { Sequence = _nextSequence++ };
                if (_log is not null)
                {
                    HistoryCodec.SetSequence(payload, numbered.Sequence);
                    handOver = _log.AppendPayload(payload).Sequence;
                }
                _dirty = true;
                AddInMemory(numbered, payload.Length);
                recorded.Add(numbered);
            }
            if (recorded.Count > 0)
            {
                Trim(_options.Time.GetUtcNow().UtcDateTime);
                // A busy history must not let the append log outgrow the bound between two maintenance runs.
                if (_log is not null && _log.LogSize > 2 * _options.MaxBytes)
                {
                    WriteSnapshot();
                }
            }
        }
        return (recorded, handOver);
    }

    /// <summary>Records one event.</summary>
    public HistoryEvent Record(HistoryEvent e) => Record([e])[0];

    /// <summary>The events <paramref name="query"/> selects, newest first.</summary>
    public List<HistoryEvent> Query(HistoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var result = new List<HistoryEvent>();
        if (query.Limit <= 0)
        {
            return result;
        }
        lock (_lock)
        {
            for (var i = _events.Count - 1; i >= _head; i--)
            {
                var e = _events[i].Event;
                if (query.End is { } end && e.At > end)
                {
                    continue;
                }
                // Events are recorded in time order (up to clock steps), so one older than the start ends the scan.
                if (query.Start is { } start && e.At < start)
                {
                    break;
                }
                if (query.Filter is null || query.Filter(e))
                {
                    result.Add(e);
                    if (result.Count >= query.Limit)
                    {
                        break;
                    }
                }
            }
        }
        return result;
    }

    /// <summary>Fsyncs the events recorded since the last call.</summary>
    public void Sync()
    {
        lock (_lock)
        {
            if (_dirty && _log is not null)
            {
                _log.Sync();
            }
            _dirty = false;
        }
    }

    /// <summary>Drops events past the retention and, with persistence, writes a snapshot (emptying the log).
    /// Returns how many events were dropped.</summary>
    public int Maintain()
    {
        lock (_lock)
        {
            var before = _events.Count - _head;
            Trim(_options.Time.GetUtcNow().UtcDateTime);
            WriteSnapshot();
            return before - (_events.Count - _head);
        }
    }

    // Caller holds the lock.
    private void WriteSnapshot()
    {
        if (_log is null)
        {
            return;
        }
        _log.WriteSnapshot(_events.Skip(_head).Select(e => e.Event));
        _dirty = false;
    }

    private void AddInMemory(HistoryEvent e, int size)
    {
        _events.Add(new Entry(e, size));
        _bytes += size;
    }

    // Caller holds the lock. Drops from the oldest end; the list is compacted once half of it is dropped entries,
    // so dropping stays O(1) amortised.
    private void Trim(DateTime now)
    {
        var cutoff = now - _options.Retention;
        while (_head < _events.Count && (_bytes > _options.MaxBytes || _events[_head].Event.At < cutoff))
        {
            _bytes -= _events[_head].Size;
            _events[_head] = default;
            _head++;
        }
        if (_head > 1024 && _head * 2 > _events.Count)
        {
            _events.RemoveRange(0, _head);
            _head = 0;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_log is not null)
            {
                if (_dirty)
                {
                    _log.Sync();
                }
                _log.Dispose();
            }
        }
    }

    private readonly record struct Entry(HistoryEvent Event, int Size);
}
