using Argus.Alerting.Persistence;

namespace Argus.Alerting.NotificationLog;

/// <summary>
/// Alertmanager's notification log: per receiver, integration and aggregation group, what was last delivered.
/// With a directory every entry is appended and fsynced before <see cref="Log"/> returns (or <see cref="LogAsync"/> completes), so a notification
/// that was delivered is never delivered again after a crash or restart; entries older than the retention are
/// dropped by <see cref="Maintain"/>, which also writes a fresh snapshot.
/// </summary>
/// <remarks>Thread-safe: one lock serialises changes and lookups (both are a dictionary access).</remarks>
public sealed class NotificationLog : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, NotificationLogEntry> _entries;
    private readonly SnapshotLog<NotificationLogEntry>? _log;
    private readonly NotificationLogOptions _options;
    private long _queries;

    private NotificationLog(NotificationLogOptions options, Dictionary<string, NotificationLogEntry> entries, SnapshotLog<NotificationLogEntry>? log)
    {
        _options = options;
        _entries = entries;
        _log = log;
    }

    /// <summary>Opens the log, replaying <c>nflog.snapshot</c> and <c>nflog.log</c> when a directory is set.</summary>
    public static NotificationLog Open(NotificationLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Retention <= TimeSpan.Zero)
        {
            throw new ArgumentException($"notification log retention must be positive, got {options.Retention}", nameof(options));
        }
        if (options.Directory is null)
        {
            return new NotificationLog(options, new Dictionary<string, NotificationLogEntry>(StringComparer.Ordinal), null);
        }
        var log = SnapshotLog<NotificationLogEntry>.Open(options.Directory, "nflog", NotificationLogCodec.Instance, out var entries);
        return new NotificationLog(options, entries, log);
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>How many lookups were made (<c>alertmanager_nflog_queries_total</c>).</summary>
    public long Queries => Interlocked.Read(ref _queries);

    /// <summary>Size of the last snapshot in bytes (<c>alertmanager_nflog_snapshot_size_bytes</c>).</summary>
    public long SnapshotSize
    {
        get
        {
            lock (_lock)
            {
                return _log?.SnapshotSize ?? 0;
            }
        }
    }

    /// <summary>The last delivery for <paramref name="key"/>, or null if none is known (or it expired).</summary>
    public NotificationLogEntry? Query(NotificationLogKey key)
    {
        Interlocked.Increment(ref _queries);
        // Outside the lock, which every delivery of a mass flush takes twice: the key's text and the clock.
        var text = key.ToString();
        var now = _options.Time.GetUtcNow().UtcDateTime;
        NotificationLogEntry? entry;
        lock (_lock)
        {
            _entries.TryGetValue(text, out entry);
        }
        return entry is not null && entry.ExpiresAt > now ? entry : null;
    }

    /// <summary>Records a delivery; durable when this returns. <paramref name="repeatCount"/> is how many
    /// unchanged repeats in a row this delivery completes (0 when it reported a change).</summary>
    public NotificationLogEntry Log(NotificationLogKey key, IEnumerable<ulong> firing, IEnumerable<ulong> resolved, int repeatCount = 0)
    {
        var (entry, durable) = Append(key, firing, resolved, repeatCount);
        // Outside the lock: deliveries finishing together (a flush of many groups) share one fsync.
        if (durable > 0)
        {
            _log!.WaitDurable(durable);
        }
        return entry;
    }

    /// <summary>
    /// <see cref="Log"/> for the notification pipeline: durable when the task completes, and the wait for the fsync
    /// holds no thread, so the thousands of groups of one mass flush share a few fsyncs instead of each blocking a
    /// thread-pool thread until its own is done.
    /// </summary>
    public async Task<NotificationLogEntry> LogAsync(NotificationLogKey key, IEnumerable<ulong> firing, IEnumerable<ulong> resolved, int repeatCount = 0)
    {
        var (entry, durable) = Append(key, firing, resolved, repeatCount);
        if (durable > 0)
        {
            await _log!.WaitDurableAsync(durable).ConfigureAwait(false);
        }
        return entry;
    }

    // Writes the entry to the append log (not yet fsynced) and the map; returns it with the sequence number to wait
    // for, 0 without persistence.
    private (NotificationLogEntry Entry, long Durable) Append(NotificationLogKey key, IEnumerable<ulong> firing, IEnumerable<ulong> resolved, int repeatCount)
    {
        var now = _options.Time.GetUtcNow().UtcDateTime;
        var entry = new NotificationLogEntry
        {
            Key = key,
            FiringAlerts = firing.Order().ToArray(),
            ResolvedAlerts = resolved.Order().ToArray(),
            Timestamp = now,
            ExpiresAt = now + _options.Retention,
            RepeatCount = repeatCount,
        };
        var text = key.ToString();
        long durable;
        lock (_lock)
        {
            // Into the log's buffer only: the fsync that Log and LogAsync wait for writes it out, so this lock, which
            // every delivery's lookup needs too, is never held across a system call.
            durable = _log?.Append(entry).Sequence ?? 0;
            _entries[text] = entry;
        }
        return (entry, durable);
    }

    /// <summary>Drops expired entries and, with persistence, writes a snapshot (emptying the append log).
    /// Returns how many entries were dropped.</summary>
    public int Maintain()
    {
        var now = _options.Time.GetUtcNow().UtcDateTime;
        lock (_lock)
        {
            var dropped = 0;
            foreach (var (key, entry) in _entries.ToList())
            {
                if (entry.ExpiresAt <= now)
                {
                    _entries.Remove(key);
                    dropped++;
                }
            }
            _log?.WriteSnapshot(_entries.Values);
            return dropped;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _log?.Dispose();
        }
    }
}
