using System.Buffers.Binary;
using Argus.Alerting.Alerts;

namespace Argus.Alerting.Persistence;

/// <summary>
/// Durable, crash-safe state in a directory: <c>NAME.snapshot</c> holds every item at some point,
/// <c>NAME.log</c> every change since, one record per change, fsynced before the change is acknowledged.
/// Both files are sequences of records: u32 payload length, u64 FNV-1a checksum of the payload, the payload
/// (<see cref="ISnapshotRecordCodec{T}"/>). A record is the full state of one item, so replay keeps, per key,
/// the most recent state; a torn or corrupt tail (a kill -9 mid-write) ends replay and is cut off.
/// Snapshots are written to a temporary file, fsynced and renamed over the old one; then the log is emptied.
/// Silences, the notification log, alert-group states and the alert history all persist through it.
/// </summary>
/// <remarks>
/// Not thread-safe, except <see cref="WaitDurable"/> and <see cref="WaitDurableAsync"/>: the owning store serialises all other calls. For many
/// concurrent writers (a silence import, many API clients) a store appends under its lock with
/// <see cref="AppendBuffered"/> and then, outside the lock, waits with <see cref="WaitDurable"/> (or, on paths that
/// must not block a thread, <see cref="WaitDurableAsync"/>): one fsync then covers every change written before it
/// (group commit), instead of each change paying its own fsync while holding the store's lock.
/// </remarks>
public sealed class SnapshotLog<T> : IDisposable
{
    private const int HeaderSize = 12;
    private const int MaxRecordSize = 16 << 20;
    private readonly string _snapshotPath;
    private readonly string _logPath;
    private readonly ISnapshotRecordCodec<T> _codec;
    private readonly Lock _syncLock = new();
    private readonly Lock _waitersLock = new();
    private readonly List<(long Sequence, TaskCompletionSource Done)> _waiters = [];
    private bool _flusherRunning;
    private FileStream _log;
    private long _appended;
    private long _durable;

    private SnapshotLog(string directory, string name, ISnapshotRecordCodec<T> codec)
    {
        _snapshotPath = Path.Combine(directory, name + ".snapshot");
        _logPath = Path.Combine(directory, name + ".log");
        _codec = codec;
        _log = null!;
    }

    /// <summary>Size in bytes of the last snapshot written or read.</summary>
    public long SnapshotSize { get; private set; }

    /// <summary>Opens (creating) <c>NAME.snapshot</c> and <c>NAME.log</c> in <paramref name="directory"/> and
    /// returns the current state they hold, by key.</summary>
    public static SnapshotLog<T> Open(string directory, string name, ISnapshotRecordCodec<T> codec, out Dictionary<string, T> items)
    {
        Directory.CreateDirectory(directory);
        var log = new SnapshotLog<T>(directory, name, codec);
        items = new Dictionary<string, T>(StringComparer.Ordinal);
        if (File.Exists(log._snapshotPath))
        {
            using var snapshot = new FileStream(log._snapshotPath, FileMode.Open, FileAccess.Read);
            log.ReadRecords(snapshot, items, log._snapshotPath);
            log.SnapshotSize = snapshot.Length;
        }
        log._log = new FileStream(log._logPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var validLength = log.ReadRecords(log._log, items, log._logPath);
        if (validLength < log._log.Length)
        {
            // Cut the torn tail so that new records follow the last complete one.
            log._log.SetLength(validLength);
            log._log.Flush(flushToDisk: true);
        }
        log._log.Position = validLength;
        return log;
    }

    private long ReadRecords(FileStream stream, Dictionary<string, T> items, string path)
    {
        stream.Position = 0;
        Span<byte> header = stackalloc byte[HeaderSize];
        long valid = 0;
        while (true)
        {
            if (stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize)
            {
                return valid;
            }
            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            var checksum = BinaryPrimitives.ReadUInt64LittleEndian(header[4..]);
            if (length is <= 0 or > MaxRecordSize)
            {
                return valid;
            }
            var payload = new byte[length];
            if (stream.ReadAtLeast(payload, length, throwOnEndOfStream: false) < length || Fnv64.Add(Fnv64.Offset, payload) != checksum)
            {
                return valid;
            }
            T item;
            try
            {
                item = _codec.Decode(payload);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentException)
            {
                throw new InvalidDataException($"{path}: record at offset {valid} is not valid: {e.Message}", e);
            }
            var key = _codec.KeyOf(item);
            if (!items.TryGetValue(key, out var known) || _codec.IsNewerOrSame(item, known))
            {
                items[key] = item;
            }
            valid = stream.Position;
        }
    }

    private int WriteRecord(Stream stream, T item)
    {
        var payload = _codec.Encode(item);
        var record = new byte[HeaderSize + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(record, payload.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(4), Fnv64.Add(Fnv64.Offset, payload));
        payload.CopyTo(record, HeaderSize);
        stream.Write(record);
        return payload.Length;
    }

    /// <summary>
    /// Appends one change and hands it to the operating system without fsyncing: from here it survives the process
    /// being killed (even with <c>kill -9</c>), and it is on disk once <see cref="WaitDurable"/> with the returned
    /// sequence number (or <see cref="Sync"/>) returns. High-volume records such as the alert history skip the wait and
    /// are fsynced periodically.
    /// </summary>
    /// <returns>The change's sequence number for <see cref="WaitDurable"/>, and the size of its payload in bytes.</returns>
    public (long Sequence, int PayloadSize) AppendBuffered(T item)
    {
        var size = WriteRecord(_log, item);
        _log.Flush(flushToDisk: false);
        // Counted only once the bytes are with the operating system, so an fsync that starts after reading the
        // counter covers every change it counts.
        return (Interlocked.Increment(ref _appended), size);
    }

    /// <summary>
    /// Returns once the change numbered <paramref name="sequence"/> (from <see cref="AppendBuffered"/>) is on disk,
    /// fsyncing if no other caller's fsync already covered it. Safe to call from any thread without the owner's lock.
    /// </summary>
    public void WaitDurable(long sequence)
    {
        if (Volatile.Read(ref _durable) >= sequence)
        {
            return;
        }
        lock (_syncLock)
        {
            if (_durable >= sequence)
            {
                return;
            }
            SyncAppendedLocked();
        }
    }

    /// <summary>
    /// Completes once the change numbered <paramref name="sequence"/> is on disk, without blocking the caller's thread:
    /// a single flusher fsyncs on behalf of every waiter, and every waiter whose change was written before an fsync
    /// started is released by it. Thousands of notifications finishing together therefore share a handful of fsyncs
    /// and hold no thread-pool thread while they wait (a blocking wait per notification starved the pool in a mass
    /// flush). Faults with the fsync's exception if it fails. Safe to call from any thread without the owner's lock.
    /// </summary>
    public Task WaitDurableAsync(long sequence)
    {
        if (Volatile.Read(ref _durable) >= sequence)
        {
            return Task.CompletedTask;
        }
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool startFlusher;
        lock (_waitersLock)
        {
            _waiters.Add((sequence, done));
            startFlusher = !_flusherRunning;
            _flusherRunning = true;
        }
        if (startFlusher)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static log => log.FlushForWaiters(), this, preferLocal: false);
        }
        return done.Task;
    }

    // The flusher of WaitDurableAsync: fsyncs while anyone waits. Each round covers every change appended before it
    // started, so waiters that arrive during an fsync are served together by the next one.
    private void FlushForWaiters()
    {
        var released = new List<(long Sequence, TaskCompletionSource Done)>();
        while (true)
        {
            lock (_waitersLock)
            {
                if (_waiters.Count == 0)
                {
                    _flusherRunning = false;
                    return;
                }
            }
            Exception? failure = null;
            try
            {
                lock (_syncLock)
                {
                    SyncAppendedLocked();
                }
            }
            catch (Exception e)
            {
                // Handed to every waiter rather than lost: a flusher that died here would leave them waiting forever.
                failure = e;
            }
            var durable = Volatile.Read(ref _durable);
            lock (_waitersLock)
            {
                // Without failure, only the changes the fsync covered; after one, every waiter (their changes may
                // never reach the disk, and waiting for a later fsync could mean waiting forever).
                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (failure is not null || _waiters[i].Sequence <= durable)
                    {
                        released.Add(_waiters[i]);
                        _waiters.RemoveAt(i);
                    }
                }
            }
            foreach (var (_, done) in released)
            {
                if (failure is null)
                {
                    done.TrySetResult();
                }
                else
                {
                    done.TrySetException(failure);
                }
            }
            released.Clear();
        }
    }

    // Caller holds _syncLock. Fsyncs the log and marks everything appended before the fsync started as durable.
    private void SyncAppendedLocked()
    {
        var covered = Volatile.Read(ref _appended);
        RandomAccess.FlushToDisk(_log.SafeFileHandle);
        Volatile.Write(ref _durable, covered);
    }

    /// <summary>Fsyncs everything appended so far.</summary>
    public void Sync() => _log.Flush(flushToDisk: true);

    /// <summary>Size in bytes of the append log (what a snapshot would fold away).</summary>
    public long LogSize => _log.Length;

    /// <summary>Replaces the snapshot by <paramref name="items"/> atomically, then empties the log.</summary>
    public void WriteSnapshot(IEnumerable<T> items)
    {
        var temp = _snapshotPath + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            foreach (var item in items)
            {
                WriteRecord(stream, item);
            }
            stream.Flush(flushToDisk: true);
            SnapshotSize = stream.Length;
        }
        File.Move(temp, _snapshotPath, overwrite: true);
        // A crash before this point leaves the old log next to the new snapshot; replay keeps the newest
        // state per id, so applying it again changes nothing.
        _log.SetLength(0);
        _log.Position = 0;
        _log.Flush(flushToDisk: true);
        // Everything appended so far is in the fsynced snapshot.
        lock (_syncLock)
        {
            Volatile.Write(ref _durable, Volatile.Read(ref _appended));
        }
    }

    public void Dispose() => _log.Dispose();
}
