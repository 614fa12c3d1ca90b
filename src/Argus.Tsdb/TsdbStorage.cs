using Argus.Storage;
using Argus.Tsdb.Head;
using Argus.Tsdb.Wal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tsdb;

/// <summary>
/// The embedded time-series database: an in-memory head made durable by a write-ahead log with
/// periodic checkpoints, cut into immutable memory-mapped blocks that are compacted into larger ones;
/// retention by time and size, deletions and snapshots. Queries span head and blocks transparently.
/// </summary>
/// <remarks>
/// <para>Durability contract: when <see cref="IAppender.Commit"/> returns, the batch has been written to
/// the WAL segment through the operating system (no user-space buffer), so it survives a crash or kill
/// of the process. fsync runs every <see cref="TsdbOptions.WalSyncInterval"/> (or per commit with
/// <see cref="TsdbOptions.WalSyncEveryCommit"/>), which bounds what a power failure can lose.</para>
/// <para>Thread-safety: appenders (one per batch) and queriers may be used from any number of threads.
/// Commits take a shared lock; checkpoints take it exclusively for the moment they cut the WAL and
/// capture the head.</para>
/// </remarks>
public sealed partial class TsdbStorage : IAppendable, Argus.Storage.IQueryable, IDisposable
{
    private readonly TsdbOptions _options;
    private readonly ILogger _logger;
    private readonly TsdbHead _head;
    private readonly string _walDir;
    private readonly ReaderWriterLockSlim _commitLock = new(LockRecursionPolicy.SupportsRecursion);
    private readonly Lock _walSeriesLock = new();
    private readonly Lock _compactLock = new();
    private readonly WalWriter _wal;
    private readonly Timer? _syncTimer;
    private readonly Timer? _compactTimer;
    private long _lastCheckpointMaxTime = long.MinValue;
    private int _disposed;

    private TsdbStorage(TsdbOptions options, ILoggerFactory loggers)
    {
        _options = options;
        _logger = loggers.CreateLogger("Argus.Tsdb");
        _walDir = Path.Combine(options.Dir, "wal");
        _head = new TsdbHead(Stats, (long)options.OutOfOrderWindow.TotalMilliseconds);
        Directory.CreateDirectory(_walDir);
        LoadBlocks();
        var nextSegment = Replay();
        _wal = new WalWriter(_walDir, options.WalSegmentSize, nextSegment, Stats);
        UpdateDiskStats();
        UpdateBlockStats();
        if (!options.WalSyncEveryCommit)
        {
            _syncTimer = new Timer(_ => BackgroundSync(), null, options.WalSyncInterval, options.WalSyncInterval);
        }
        if (options.CompactionInterval > TimeSpan.Zero)
        {
            _compactTimer = new Timer(_ => BackgroundCompact(), null, options.CompactionInterval, options.CompactionInterval);
        }
    }

    /// <summary>Counters and gauges of this instance.</summary>
    public TsdbStats Stats { get; } = new();

    /// <summary>Opens (creating if needed) the database in <see cref="TsdbOptions.Dir"/>, replaying the WAL.
    /// A damaged WAL tail is cut off, logged and counted in <see cref="TsdbStats.WalCorruptionsRepaired"/>.</summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    /// <exception cref="StorageException">The directory cannot be created or read.</exception>
    public static TsdbStorage Open(TsdbOptions options, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        try
        {
            return new TsdbStorage(options, loggers ?? NullLoggerFactory.Instance);
        }
        catch (IOException ex)
        {
            throw new StorageException($"cannot open TSDB in {options.Dir}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StorageException($"cannot open TSDB in {options.Dir}: {ex.Message}", ex);
        }
    }

    /// <summary>Newest committed sample time, long.MinValue when empty.</summary>
    public long MaxTime => _head.MaxTime;

    public IAppender CreateAppender()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return new HeadAppender(this, _head, Stats);
    }

    public IQuerier CreateQuerier(long minTimeMs, long maxTimeMs)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return new TsdbQuerier(new HeadQuerier(_head, minTimeMs, maxTimeMs), AcquireBlocks(minTimeMs, maxTimeMs), minTimeMs, maxTimeMs);
    }

    /// <summary>fsyncs the WAL now.</summary>
    public void Sync() => _wal.Sync();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _syncTimer?.Dispose();
        _compactTimer?.Dispose();
        lock (_compactLock)
        {
            if (_options.CheckpointOnClose)
            {
                CheckpointOnClose();
            }
            _commitLock.EnterWriteLock();
            try
            {
                _wal.Dispose();
            }
            finally
            {
                _commitLock.ExitWriteLock();
            }
            lock (_blocksLock)
            {
                foreach (var block in _blocks)
                {
                    block.Close(deleteFiles: false);
                }
                _blocks = [];
            }
        }
    }

    internal static void CountRejection(TsdbStats stats, AppendStatus status)
    {
        switch (status)
        {
            case AppendStatus.OutOfOrder:
                Interlocked.Increment(ref stats.OutOfOrderRejected);
                break;
            case AppendStatus.Duplicate:
                Interlocked.Increment(ref stats.DuplicateRejected);
                break;
            case AppendStatus.TooOld:
                Interlocked.Increment(ref stats.TooOldRejected);
                break;
            case AppendStatus.InvalidLabels:
                Interlocked.Increment(ref stats.InvalidLabelsRejected);
                break;
            default:
                break;
        }
    }

    /// <summary>Writes a staged batch to the WAL, then applies it to the head.</summary>
    /// <exception cref="StorageException">The WAL write failed; nothing of the batch was applied.</exception>
    internal void CommitBatch(List<PendingSample> pending)
    {
        if (pending.Count == 0)
        {
            return;
        }
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var samples = new RecordBuffer(pending.Count * 14 + 64);
        var writer = default(SamplesRecordWriter);
        writer.Begin(samples);
        foreach (var p in pending)
        {
            writer.Add(samples, p.Series.Id, p.TimestampMs, p.Value);
        }
        writer.End(samples);

        _commitLock.EnterReadLock();
        try
        {
            WriteToWal(pending, samples);
            Apply(pending);
        }
        finally
        {
            _commitLock.ExitReadLock();
        }
    }

    private void WriteToWal(List<PendingSample> pending, RecordBuffer samples)
    {
        using var series = new RecordBuffer(256);
        List<MemSeries>? newlyLogged = null;
        lock (_walSeriesLock)
        {
            // Series records go out under this lock so that no batch referencing a series can reach the
            // WAL before the record defining it.
            foreach (var p in pending)
            {
                if (!p.Series.WalLogged)
                {
                    WalRecords.WriteSeries(series, p.Series.Id, p.Series.Labels);
                    p.Series.WalLogged = true;
                    (newlyLogged ??= []).Add(p.Series);
                }
            }
            try
            {
                _wal.Write(series.Written, samples.Written);
                if (_options.WalSyncEveryCommit)
                {
                    _wal.Sync();
                }
            }
            catch (StorageException)
            {
                if (newlyLogged is not null)
                {
                    foreach (var s in newlyLogged)
                    {
                        s.WalLogged = false;
                    }
                }
                Interlocked.Increment(ref Stats.CommitFailures);
                throw;
            }
        }
    }

    private void Apply(List<PendingSample> pending)
    {
        long appended = 0, outOfOrder = 0, chunks = 0, maxTime = long.MinValue;
        // One floor per batch: the head's max time only moves forward, so a floor taken now is at most
        // a batch's span more lenient than a per-sample one.
        var floor = _head.OutOfOrderFloor;
        foreach (var p in pending)
        {
            AppendStatus status;
            bool chunkCreated, wasOutOfOrder;
            lock (p.Series)
            {
                status = p.Series.Append(p.TimestampMs, p.Value, floor, out chunkCreated, out wasOutOfOrder);
            }
            if (status != AppendStatus.Ok)
            {
                // Another batch for the same series committed in between; same rules as staging.
                CountRejection(Stats, status);
                continue;
            }
            appended++;
            if (wasOutOfOrder)
            {
                outOfOrder++;
            }
            if (chunkCreated)
            {
                chunks++;
            }
            if (p.TimestampMs > maxTime)
            {
                maxTime = p.TimestampMs;
            }
        }
        _head.ObserveTime(maxTime);
        Interlocked.Add(ref Stats.SamplesAppended, appended);
        if (outOfOrder > 0)
        {
            Interlocked.Add(ref Stats.OutOfOrderSamplesAppended, outOfOrder);
        }
        if (chunks > 0)
        {
            Interlocked.Add(ref Stats.HeadChunks, chunks);
        }
    }

    private void BackgroundSync()
    {
        try
        {
            _wal.Sync();
        }
        catch (StorageException ex)
        {
            TsdbLog.SyncFailed(_logger, ex);
        }
        catch (ObjectDisposedException)
        {
            // Closing.
        }
    }

    private void BackgroundCompact()
    {
        try
        {
            Compact();
        }
        catch (StorageException ex)
        {
            TsdbLog.CompactionFailed(_logger, ex);
        }
        catch (IOException ex)
        {
            TsdbLog.CompactionFailed(_logger, ex);
        }
        catch (ObjectDisposedException)
        {
            // Closing.
        }
    }
}
