using System.Buffers;
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
/// The owning store serialises appends (the order of records is the order of its changes), snapshots and disposal;
/// <see cref="HandToOperatingSystem"/>, <see cref="WaitDurable"/> and <see cref="WaitDurableAsync"/> may be called
/// from any thread without the store's lock. For many concurrent writers (a silence import, many API clients, the
/// notifications of a mass flush) a store appends under its lock and then, outside it, waits with
/// <see cref="WaitDurable"/> (or, on paths that must not block a thread, <see cref="WaitDurableAsync"/>): one fsync
/// then covers every change written before it (group commit), instead of each change paying its own fsync while
/// holding the store's lock. <see cref="Append"/> does not even make a system call: the record waits in the log's
/// buffer for the next hand-over or fsync, so a store's lock is never held across I/O on the hottest paths.
/// </remarks>
public sealed class SnapshotLog<T> : IDisposable
{
    private const int HeaderSize = 12;
    private const int MaxRecordSize = 16 << 20;
    private readonly string _snapshotPath;
    private readonly string _logPath;
    private readonly ISnapshotRecordCodec<T> _codec;
    private readonly Lock _syncLock = new();
    // Guards the log file: hand-overs to the operating system, truncation, disposal. Taken inside _syncLock.
    private readonly Lock _fileLock = new();
    // Guards the records appended but not yet handed over, and only for as long as copying them takes: appends (made
    // under the owner's lock) never wait for a system call. Taken inside _fileLock.
    private readonly Lock _pendingLock = new();
    private ArrayBufferWriter<byte> _pending = new(4096);
    private ArrayBufferWriter<byte> _writing = new(4096);
    private readonly Lock _waitersLock = new();
    private readonly List<(long Sequence, bool Fsync, TaskCompletionSource Done)> _waiters = [];
    private bool _flusherRunning;
    // Unbuffered: records are gathered in _pending, and the stream only ever writes whole batches of them.
    private FileStream _log;
    private Microsoft.Win32.SafeHandles.SafeFileHandle _handle;
    // Records appended (in the stream, maybe only its buffer), records the operating system has, records on disk.
    private long _appended;
    private long _handedOver;
    private long _durable;
    private long _logBytes;

    private SnapshotLog(string directory, string name, ISnapshotRecordCodec<T> codec)
    {
        _snapshotPath = Path.Combine(directory, name + ".snapshot");
        _logPath = Path.Combine(directory, name + ".log");
        _codec = codec;
        _log = null!;
        _handle = null!;
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
        log._log = new FileStream(log._logPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        long validLength;
        using (var reader = new FileStream(log._logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            validLength = log.ReadRecords(reader, items, log._logPath);
        }
        if (validLength < log._log.Length)
        {
            // Cut the torn tail so that new records follow the last complete one.
            log._log.SetLength(validLength);
            log._log.Flush(flushToDisk: true);
        }
        log._log.Position = validLength;
        log._logBytes = validLength;
        log._handle = log._log.SafeFileHandle;
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

    private byte[] Record(T item)
    {
        var payload = _codec.Encode(item);
        var record = new byte[HeaderSize + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(record, payload.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(4), Fnv64.Add(Fnv64.Offset, payload));
        payload.CopyTo(record, HeaderSize);
        return record;
    }

    /// <summary>
    /// Appends one change to the log's buffer in this process, without a system call: it reaches the operating system
    /// with the next <see cref="HandToOperatingSystem"/> or fsync (whoever makes it), and the disk once
    /// <see cref="WaitDurable"/> or <see cref="WaitDurableAsync"/> with the returned sequence number is done. Until
    /// then a killed process loses it, so callers wait for one of those before acknowledging the change.
    /// </summary>
    /// <returns>The change's sequence number, and the size of its payload in bytes.</returns>
    public (long Sequence, int PayloadSize) Append(T item) => AppendPayload(_codec.Encode(item));

    /// <summary><see cref="Append"/> for a record its owner encoded already (outside its lock, say).</summary>
    public (long Sequence, int PayloadSize) AppendPayload(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        Span<byte> header = stackalloc byte[HeaderSize];
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(header[4..], Fnv64.Add(Fnv64.Offset, payload));
        lock (_pendingLock)
        {
            _pending.Write(header);
            _pending.Write(payload);
            _logBytes += HeaderSize + payload.Length;
            return (++_appended, payload.Length);
        }
    }

    /// <summary>
    /// Appends one change and hands it to the operating system without fsyncing: from here it survives the process
    /// being killed (even with <c>kill -9</c>), and it is on disk once <see cref="WaitDurable"/> with the returned
    /// sequence number (or <see cref="Sync"/>) returns.
    /// </summary>
    /// <returns>The change's sequence number for <see cref="WaitDurable"/>, and the size of its payload in bytes.</returns>
    public (long Sequence, int PayloadSize) AppendBuffered(T item)
    {
        var appended = Append(item);
        HandToOperatingSystem(appended.Sequence);
        return appended;
    }

    /// <summary>
    /// Returns once the change numbered <paramref name="sequence"/> is with the operating system (survives
    /// <c>kill -9</c>, not a power loss): one write hands over every change appended so far, so concurrent callers
    /// share it. High-volume records such as the alert history do this rather than wait for an fsync, which the
    /// owner makes periodically with <see cref="Sync"/>.
    /// </summary>
    public void HandToOperatingSystem(long sequence)
    {
        if (Volatile.Read(ref _handedOver) >= sequence)
        {
            return;
        }
        lock (_fileLock)
        {
            if (_handedOver < sequence)
            {
                HandOverLocked();
            }
        }
    }

    // Caller holds _fileLock. Takes every pending record (swapping buffers, so appends go on meanwhile) and writes them
    // in one system call.
    private void HandOverLocked()
    {
        ArrayBufferWriter<byte> batch;
        long covered;
        lock (_pendingLock)
        {
            batch = _pending;
            _pending = _writing;
            covered = _appended;
        }
        try
        {
            if (batch.WrittenCount > 0)
            {
                _log.Write(batch.WrittenSpan);
            }
        }
        catch
        {
            // Not written (a full disk, say): the batch goes back in front of what was appended meanwhile, so that the
            // next hand-over retries it (at the same offset: the stream did not advance) and no change is ever reported
            // handed over, or durable, before its record really is.
            lock (_pendingLock)
            {
                batch.Write(_pending.WrittenSpan);
                _pending.ResetWrittenCount();
                (_pending, _writing) = (batch, _pending);
            }
            throw;
        }
        batch.ResetWrittenCount();
        _writing = batch;
        Volatile.Write(ref _handedOver, covered);
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
    public Task WaitDurableAsync(long sequence) =>
        Volatile.Read(ref _durable) >= sequence ? Task.CompletedTask : Wait(sequence, fsync: true);

    /// <summary>
    /// Completes once the change numbered <paramref name="sequence"/> is with the operating system (it survives
    /// <c>kill -9</c>), without blocking the caller's thread: the flusher of <see cref="WaitDurableAsync"/> makes one
    /// write for every waiter. For records that need not be fsynced one by one but must not be lost with the process
    /// once the caller goes on (the history events of a delivery). Faults if the write fails.
    /// </summary>
    public Task HandToOperatingSystemAsync(long sequence) =>
        Volatile.Read(ref _handedOver) >= sequence ? Task.CompletedTask : Wait(sequence, fsync: false);

    private Task Wait(long sequence, bool fsync)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool startFlusher;
        lock (_waitersLock)
        {
            _waiters.Add((sequence, fsync, done));
            startFlusher = !_flusherRunning;
            _flusherRunning = true;
        }
        if (startFlusher)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static log => log.FlushForWaiters(), this, preferLocal: false);
        }
        return done.Task;
    }

    // The flusher of WaitDurableAsync and HandToOperatingSystemAsync: writes (and fsyncs, if anyone waits for that)
    // while anyone waits. Each round covers every change appended before it started, so waiters that arrive during a
    // round are served together by the next one.
    private void FlushForWaiters()
    {
        var released = new List<(long Sequence, bool Fsync, TaskCompletionSource Done)>();
        while (true)
        {
            var fsync = false;
            lock (_waitersLock)
            {
                if (_waiters.Count == 0)
                {
                    _flusherRunning = false;
                    return;
                }
                foreach (var waiter in _waiters)
                {
                    fsync |= waiter.Fsync;
                }
            }
            Exception? failure = null;
            try
            {
                if (fsync)
                {
                    lock (_syncLock)
                    {
                        SyncAppendedLocked();
                    }
                }
                else
                {
                    lock (_fileLock)
                    {
                        HandOverLocked();
                    }
                }
            }
            catch (Exception e)
            {
                // Handed to every waiter rather than lost: a flusher that died here would leave them waiting forever.
                failure = e;
            }
            var durable = Volatile.Read(ref _durable);
            var handedOver = Volatile.Read(ref _handedOver);
            lock (_waitersLock)
            {
                // Without failure, only the changes the fsync covered; after one, every waiter (their changes may
                // never reach the disk, and waiting for a later fsync could mean waiting forever).
                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (failure is not null || _waiters[i].Sequence <= (_waiters[i].Fsync ? durable : handedOver))
                    {
                        released.Add(_waiters[i]);
                        _waiters.RemoveAt(i);
                    }
                }
            }
            foreach (var (_, _, done) in released)
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

    // Caller holds _syncLock. Hands everything appended to the operating system, fsyncs, and marks it durable. Appends
    // continue during the fsync (only _syncLock is held then); they wait for the next one.
    private void SyncAppendedLocked()
    {
        long covered;
        lock (_fileLock)
        {
            HandOverLocked();
            covered = _handedOver;
        }
        RandomAccess.FlushToDisk(_handle);
        Volatile.Write(ref _durable, covered);
    }

    /// <summary>Fsyncs everything appended so far.</summary>
    public void Sync()
    {
        lock (_syncLock)
        {
            SyncAppendedLocked();
        }
    }

    /// <summary>Size in bytes of the append log (what a snapshot would fold away), buffered records included.</summary>
    public long LogSize => Interlocked.Read(ref _logBytes);

    /// <summary>Replaces the snapshot by <paramref name="items"/> atomically, then empties the log.</summary>
    public void WriteSnapshot(IEnumerable<T> items)
    {
        var temp = _snapshotPath + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            foreach (var item in items)
            {
                stream.Write(Record(item));
            }
            stream.Flush(flushToDisk: true);
            SnapshotSize = stream.Length;
        }
        File.Move(temp, _snapshotPath, overwrite: true);
        // A crash before this point leaves the old log next to the new snapshot; replay keeps the newest
        // state per id, so applying it again changes nothing.
        lock (_syncLock)
        {
            lock (_fileLock)
            {
                lock (_pendingLock)
                {
                    // Records not yet handed over are in the snapshot too (the owner holds its lock): they go with the
                    // rest of the log that is now cut away.
                    _pending.ResetWrittenCount();
                    _log.SetLength(0);
                    _log.Position = 0;
                    _log.Flush(flushToDisk: true);
                    _logBytes = 0;
                    Volatile.Write(ref _handedOver, _appended);
                    // Everything appended so far is in the fsynced snapshot.
                    Volatile.Write(ref _durable, _appended);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_fileLock)
        {
            if (_pending.WrittenCount > 0 && _handle is { IsClosed: false })
            {
                HandOverLocked();
            }
            _log.Dispose();
        }
    }
}
