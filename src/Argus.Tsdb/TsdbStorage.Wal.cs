using System.Diagnostics;
using System.Runtime;
using Argus.Storage;
using Argus.Tsdb.Head;
using Argus.Tsdb.Wal;

namespace Argus.Tsdb;

/// <summary>WAL replay at start-up and checkpoints (the WAL half of <see cref="TsdbStorage"/>).</summary>
public sealed partial class TsdbStorage
{
    /// <summary>Replays the latest checkpoint and the segments after it; returns the next segment index.</summary>
    private long Replay()
    {
        // Replay allocates the head, almost all of it long-lived, as fast as it can decode. Collections
        // during it would copy and mark that growing heap again and again for nothing to free (they took
        // most of the time of a large replay), so the GC is held off for an allowance sized from the WAL
        // on disk; past it, collections simply resume. The head is promoted by the first collection after
        // start-up instead.
        var noGcRegion = TryStartNoGcRegion(ReplayAllocationEstimate());
        try
        {
            return ReplayAll();
        }
        finally
        {
            if (noGcRegion && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                try
                {
                    GC.EndNoGCRegion();
                }
                catch (InvalidOperationException)
                {
                    // The allowance ran out (or a collection was forced) just now: the region already ended.
                }
            }
        }
    }

    /// <summary>Bytes replay is expected to allocate: decoded series and chunks take a few times their
    /// size in the WAL; at most a quarter of the memory available to the process.</summary>
    private long ReplayAllocationEstimate()
    {
        long walBytes = 0;
        foreach (var file in Directory.EnumerateFiles(_walDir, "*", SearchOption.AllDirectories))
        {
            walBytes += new FileInfo(file).Length;
        }
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return Math.Min((walBytes * 6) + (32L << 20), available / 4);
    }

    private static bool TryStartNoGcRegion(long bytes)
    {
        // The runtime caps the allowance (it depends on the GC's configuration); halve until it is accepted.
        for (; bytes >= 16L << 20; bytes /= 2)
        {
            try
            {
                return GC.TryStartNoGCRegion(bytes);
            }
            catch (ArgumentOutOfRangeException)
            {
                // Too large for this GC configuration.
            }
            catch (InvalidOperationException)
            {
                return false; // already inside a no-GC region (another database opening in this process)
            }
        }
        return false;
    }

    private long ReplayAll()
    {
        var watch = Stopwatch.StartNew();
        // Collections during replay are what usually makes a restart slow; the log line says how many ran.
        var collectionsBefore = GC.CollectionCount(0);
        var pauseBefore = GC.GetTotalPauseDuration();
        var floor = _options.OutOfOrderWindow > TimeSpan.Zero ? long.MinValue : long.MaxValue;
        var replayer = new WalReplayer(_head, Stats, _logger, floor);
        var segmentsRead = 0;
        long nextSegment = 0;

        var checkpoint = WalFormat.LatestCheckpoint(_walDir);
        var checkpointFiles = checkpoint is { } cp ? WalFormat.ListSegments(cp.Path).Select(f => f.Path).ToList() : [];
        var segments = WalFormat.ListSegments(_walDir).Where(s => checkpoint is null || s.Index > checkpoint.Value.Index).ToList();
        var files = checkpointFiles.Concat(segments.Select(s => s.Path)).ToList();
        // Reading and checking the next file (one thread, mostly CRC) overlaps applying the current one,
        // whose series indexing also runs on one thread: the two single-threaded phases share the cores.
        if (checkpoint is { } replayed)
        {
            nextSegment = replayed.Index + 1;
            if (checkpointFiles.Count == 0)
            {
                _lastCheckpointMaxTime = _head.MaxTime;
            }
        }
        var next = files.Count > 0 ? LoadWalFileAsync(files[0]) : null;
        for (var i = 0; i < files.Count; i++)
        {
            var loaded = next!.GetAwaiter().GetResult();
            next = i + 1 < files.Count ? LoadWalFileAsync(files[i + 1]) : null;
            segmentsRead++;
            if (i < checkpointFiles.Count)
            {
                ApplyWalFile(loaded, replayer, dropFollowing: []);
                if (i == checkpointFiles.Count - 1)
                {
                    _lastCheckpointMaxTime = _head.MaxTime;
                }
                continue;
            }
            var segment = i - checkpointFiles.Count;
            nextSegment = segments[segment].Index + 1;
            if (!ApplyWalFile(loaded, replayer, segments.Skip(segment + 1).Select(s => s.Path).ToList()))
            {
                // The repair deleted the later segments; the one read ahead is dropped, and so is any error
                // reading it (it may have been deleted under the reader).
                next?.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
                break;
            }
        }
        Stats.WalReplayMilliseconds = watch.ElapsedMilliseconds;
        _replayStatus = new WalReplayStatus(
            segments.Count > 0 ? segments[0].Index : null,
            segments.Count > 0 ? nextSegment - 1 : null,
            segmentsRead,
            replayer.Samples,
            _head.SeriesCount,
            watch.Elapsed,
            Interlocked.Read(ref Stats.WalCorruptionsRepaired),
            Interlocked.Read(ref Stats.WalBytesDiscarded));
        TsdbLog.WalReplayed(_logger, watch.ElapsedMilliseconds, _head.SeriesCount, replayer.Samples, segmentsRead,
            GC.CollectionCount(0) - collectionsBefore, (long)(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds);
        return nextSegment;
    }

    /// <summary>Reads and checks <paramref name="path"/> on the thread pool (see <see cref="LoadWalFile"/>).</summary>
    private static Task<LoadedWalFile> LoadWalFileAsync(string path) => Task.Run(() => LoadWalFile(path));

    /// <summary>Reads one WAL file and checks the framing and CRC of its records.</summary>
    private static LoadedWalFile LoadWalFile(string path)
    {
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (IOException ex)
        {
            throw new StorageException($"cannot read WAL file {path}: {ex.Message}", ex);
        }
        var records = new List<WalRecordSpan>(Math.Max(16, data.Length / 256));
        var (validLength, damage) = WalSegmentReader.Scan(data, records);
        return new LoadedWalFile(path, data, records, validLength, damage);
    }

    /// <summary>Replays one loaded file; on damage cuts it at the last good record and deletes
    /// <paramref name="dropFollowing"/>. Returns false when the file was damaged.</summary>
    private bool ApplyWalFile(LoadedWalFile file, WalReplayer replayer, List<string> dropFollowing)
    {
        var (path, data, records, validLength, damage) = file;
        replayer.Apply(Path.GetFileName(path), data, records);
        if (damage is null)
        {
            return true;
        }
        // Everything after the first bad record is untrustworthy: later records may depend on lost ones.
        var lost = data.Length - validLength;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(validLength);
            stream.Flush(flushToDisk: true);
        }
        foreach (var later in dropFollowing)
        {
            lost += new FileInfo(later).Length;
            File.Delete(later);
        }
        Interlocked.Increment(ref Stats.WalCorruptionsRepaired);
        Interlocked.Add(ref Stats.WalBytesDiscarded, lost);
        TsdbLog.WalRepaired(_logger, path, damage, validLength, lost, dropFollowing.Count);
        return false;
    }

    /// <summary>
    /// Writes a checkpoint of the whole head (series, chunks, out-of-order samples, deletions) covering
    /// every WAL segment written so far, then deletes those segments and older checkpoints. Replay then
    /// reads the checkpoint's ready-made chunks instead of re-encoding every sample.
    /// </summary>
    /// <exception cref="StorageException">The checkpoint could not be written; the WAL is left intact.</exception>
    public void Checkpoint()
    {
        lock (_compactLock)
        {
            CheckpointLocked();
        }
    }

    /// <summary>The checkpoint of a clean close; caller holds the compaction lock. A failure (a full disk,
    /// say) is logged and leaves the WAL as it was, which replays the same data more slowly.</summary>
    private void CheckpointOnClose()
    {
        if (_head.SeriesCount == 0)
        {
            return;
        }
        try
        {
            CheckpointLocked();
        }
        catch (Exception ex) when (ex is StorageException or IOException)
        {
            TsdbLog.CheckpointOnCloseFailed(_logger, ex);
        }
    }

    private void CheckpointLocked()
    {
        var watch = Stopwatch.StartNew();
        long closed;
        List<SeriesCheckpointState> states;
        _commitLock.EnterWriteLock();
        try
        {
            closed = _wal.Cut();
            states = CaptureHead();
        }
        finally
        {
            _commitLock.ExitWriteLock();
        }
        var final = Path.Combine(_walDir, WalFormat.CheckpointPrefix + WalFormat.SegmentName(closed));
        var temporary = final + ".tmp";
        if (Directory.Exists(temporary))
        {
            Directory.Delete(temporary, recursive: true);
        }
        Directory.CreateDirectory(temporary);
        try
        {
            WriteCheckpointFiles(temporary, states, _options.WalSegmentSize);
            if (Directory.Exists(final))
            {
                Directory.Delete(final, recursive: true);
            }
            Directory.Move(temporary, final);
        }
        catch (IOException ex)
        {
            TryDelete(temporary);
            throw new StorageException($"writing WAL checkpoint {final} failed: {ex.Message}", ex);
        }
        foreach (var (index, path) in WalFormat.ListSegments(_walDir))
        {
            if (index <= closed)
            {
                File.Delete(path);
            }
        }
        foreach (var dir in Directory.EnumerateDirectories(_walDir, WalFormat.CheckpointPrefix + "*"))
        {
            if (!string.Equals(dir, final, StringComparison.Ordinal))
            {
                TryDelete(dir);
            }
        }
        _lastCheckpointMaxTime = _head.MaxTime;
        _lastCheckpointAt = DateTimeOffset.UtcNow;
        Interlocked.Increment(ref Stats.WalCheckpoints);
        Interlocked.Add(ref Stats.WalTruncationMicroseconds, (long)watch.Elapsed.TotalMicroseconds);
        UpdateDiskStats();
        TsdbLog.CheckpointWritten(_logger, final, watch.ElapsedMilliseconds, states.Count);
    }

    /// <summary>Captures every series (empty ones too: a later segment may still reference them);
    /// caller holds the commit lock exclusively.</summary>
    private List<SeriesCheckpointState> CaptureHead()
    {
        var states = new List<SeriesCheckpointState>((int)Math.Min(_head.SeriesCount, int.MaxValue));
        foreach (var series in _head.AllSeries())
        {
            lock (series)
            {
                states.Add(series.CaptureForCheckpoint());
            }
        }
        states.Sort(static (a, b) => a.Series.Id.CompareTo(b.Series.Id));
        return states;
    }

    /// <summary>Writes <paramref name="states"/> as checkpoint files 00000000, 00000001, … in <paramref name="dir"/>,
    /// starting a new file once one passes <paramref name="fileSize"/> bytes: replay reads a file into one array
    /// (and keeps it as the backing store of the chunks it holds), so files must stay well below 2 GiB.</summary>
    private static void WriteCheckpointFiles(string dir, List<SeriesCheckpointState> states, long fileSize)
    {
        var fileIndex = 0;
        FileStream? stream = null;
        long written = 0;
        using var buffer = new RecordBuffer(1 << 20);
        void Flush(bool force)
        {
            if (!force && buffer.Length < 1 << 20)
            {
                return;
            }
            if (stream is null || written >= fileSize)
            {
                Close();
                stream = new FileStream(Path.Combine(dir, WalFormat.SegmentName(fileIndex++)), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                written = 0;
            }
            stream.Write(buffer.Written);
            written += buffer.Length;
            buffer.Clear();
        }
        void Close()
        {
            if (stream is not null)
            {
                stream.Flush(flushToDisk: true);
                stream.Dispose();
                stream = null;
            }
        }
        try
        {
            foreach (var state in states)
            {
                WalRecords.WriteSeries(buffer, state.Series.Id, state.Series.Labels);
                Flush(false);
            }
            foreach (var state in states)
            {
                foreach (var chunk in state.Chunks)
                {
                    WalRecords.WriteChunk(buffer, state.Series.Id, chunk, state.LastValue);
                }
                if (state.OutOfOrder.Length > 0)
                {
                    var samples = default(SamplesRecordWriter);
                    samples.Begin(buffer);
                    foreach (var s in state.OutOfOrder)
                    {
                        samples.Add(buffer, state.Series.Id, s.TimestampMs, s.Value);
                    }
                    samples.End(buffer);
                }
                foreach (var deletion in state.Deleted)
                {
                    WalRecords.WriteTombstone(buffer, state.Series.Id, deletion.MinTime, deletion.MaxTime);
                }
                Flush(false);
            }
            Flush(true);
        }
        finally
        {
            Close();
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the next checkpoint to remove.
        }
    }

    private void UpdateDiskStats()
    {
        long bytes = 0;
        foreach (var file in Directory.EnumerateFiles(_walDir, "*", SearchOption.AllDirectories))
        {
            try
            {
                bytes += new FileInfo(file).Length;
            }
            catch (IOException)
            {
                // Removed concurrently.
            }
        }
        Interlocked.Exchange(ref Stats.WalDiskBytes, bytes);
    }

    private long WalBytes()
    {
        UpdateDiskStats();
        return Interlocked.Read(ref Stats.WalDiskBytes);
    }

    /// <summary>Bytes the blocks, the WAL and its checkpoint occupy on disk.</summary>
    public long DiskBytes()
    {
        UpdateBlockStats();
        return WalBytes() + Interlocked.Read(ref Stats.BlockBytes);
    }
}
