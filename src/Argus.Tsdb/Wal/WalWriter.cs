using System.Diagnostics;
using Argus.Storage;
using Microsoft.Win32.SafeHandles;

namespace Argus.Tsdb.Wal;

/// <summary>
/// Appends framed records to numbered segment files. Every <c>Write</c> hands the bytes to the
/// operating system before returning (no user-space buffering), so a process crash loses nothing that
/// was written; fsync happens on <see cref="Sync"/> (per commit or periodically, see TsdbOptions).
/// A failed write is truncated back so the segment stays a clean sequence of whole records.
/// </summary>
/// <remarks>Thread-safe: writes are serialised by an internal lock.</remarks>
internal sealed class WalWriter : IDisposable
{
    private readonly Lock _lock = new();
    private readonly string _dir;
    private readonly long _segmentSize;
    private readonly TsdbStats _stats;
    private SafeFileHandle? _handle;
    private string _path = string.Empty;
    private long _offset;
    private bool _dirty;

    public WalWriter(string dir, long segmentSize, long firstSegment, TsdbStats stats)
    {
        _dir = dir;
        _segmentSize = segmentSize;
        _stats = stats;
        Directory.CreateDirectory(dir);
        OpenSegment(firstSegment);
    }

    /// <summary>Index of the segment being written.</summary>
    public long CurrentSegment { get; private set; }

    /// <summary>Writes whole records (one or more frames). All or nothing.</summary>
    /// <exception cref="StorageException">The write failed (disk full, I/O error); the segment was cut
    /// back to its previous length and the writer remains usable.</exception>
    public void Write(ReadOnlySpan<byte> records) => Write(records, []);

    /// <summary>Writes two runs of whole records back to back, all or nothing (see <see cref="Write(ReadOnlySpan{byte})"/>).</summary>
    public void Write(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var total = first.Length + second.Length;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_handle is null, this);
            if (_offset > 0 && _offset + total > _segmentSize)
            {
                Roll();
            }
            try
            {
                if (!first.IsEmpty)
                {
                    RandomAccess.Write(_handle!, first, _offset);
                }
                if (!second.IsEmpty)
                {
                    RandomAccess.Write(_handle!, second, _offset + first.Length);
                }
            }
            catch (IOException ex)
            {
                RepairAfterFailedWrite();
                Interlocked.Increment(ref _stats.WalWriteFailures);
                throw new StorageException($"WAL write of {total} bytes to {_path} at offset {_offset} failed: {ex.Message}", ex);
            }
            _offset += total;
            _dirty = true;
            Interlocked.Add(ref _stats.WalBytes, total);
            // The on-disk gauge is recomputed from the directory at checkpoints; in between it follows the writes.
            Interlocked.Add(ref _stats.WalDiskBytes, total);
        }
    }

    /// <summary>fsyncs the current segment if anything was written since the last sync. The flush runs
    /// outside the write lock so commits are not stalled behind the disk.</summary>
    /// <exception cref="StorageException">fsync failed.</exception>
    public void Sync()
    {
        SafeFileHandle handle;
        string path;
        lock (_lock)
        {
            if (_handle is null || !_dirty)
            {
                return;
            }
            handle = _handle;
            path = _path;
            _dirty = false;
        }
        var watch = Stopwatch.StartNew();
        try
        {
            RandomAccess.FlushToDisk(handle);
        }
        catch (ObjectDisposedException)
        {
            // The segment was closed meanwhile; closing (Roll, Dispose) fsyncs it first.
            return;
        }
        catch (IOException ex)
        {
            lock (_lock)
            {
                _dirty = true;
            }
            throw new StorageException($"fsync of WAL segment {path} failed: {ex.Message}", ex);
        }
        Interlocked.Increment(ref _stats.WalFsyncs);
        Interlocked.Add(ref _stats.WalFsyncMicroseconds, (long)watch.Elapsed.TotalMicroseconds);
    }

    /// <summary>Closes the current segment and starts the next one; returns the index of the closed one.</summary>
    public long Cut()
    {
        lock (_lock)
        {
            var closed = CurrentSegment;
            Roll();
            return closed;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_handle is null)
            {
                return;
            }
            try
            {
                if (_dirty)
                {
                    SyncLocked();
                }
            }
            catch (StorageException)
            {
                // Closing anyway: the records were written to the OS and survive a process exit.
            }
            _handle.Dispose();
            _handle = null;
        }
    }

    private void SyncLocked()
    {
        var watch = Stopwatch.StartNew();
        try
        {
            RandomAccess.FlushToDisk(_handle!);
        }
        catch (IOException ex)
        {
            throw new StorageException($"fsync of WAL segment {_path} failed: {ex.Message}", ex);
        }
        _dirty = false;
        Interlocked.Increment(ref _stats.WalFsyncs);
        Interlocked.Add(ref _stats.WalFsyncMicroseconds, (long)watch.Elapsed.TotalMicroseconds);
    }

    private void Roll()
    {
        if (_dirty)
        {
            SyncLocked();
        }
        var next = CurrentSegment + 1;
        var old = _handle;
        OpenSegment(next);
        old?.Dispose();
    }

    private void OpenSegment(long index)
    {
        var path = Path.Combine(_dir, WalFormat.SegmentName(index));
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        }
        catch (IOException ex)
        {
            throw new StorageException($"cannot create WAL segment {path}: {ex.Message}", ex);
        }
        _handle = handle;
        _path = path;
        _offset = RandomAccess.GetLength(handle);
        CurrentSegment = index;
        _dirty = false;
        Interlocked.Increment(ref _stats.WalSegmentsCreated);
    }

    private void RepairAfterFailedWrite()
    {
        try
        {
            // Part of the records may have reached the file: cut it so replay never sees a torn record
            // in the middle of later, good ones.
            RandomAccess.SetLength(_handle!, _offset);
        }
        catch (IOException)
        {
            // Truncating to a smaller size does not need space; if even this fails the reader's
            // torn-tail repair cuts the partial record at the next start-up.
        }
    }
}
