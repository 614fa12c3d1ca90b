using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Text;
using System.Text.Json;
using Argus.Model.Labels;
using Argus.Storage;
using Argus.Tsdb.Chunks;
using Argus.Tsdb.Head;
using Argus.Tsdb.Wal;

namespace Argus.Tsdb.Blocks;

/// <summary>
/// A persisted, immutable block read through memory mapping. Symbols and postings are decoded into
/// memory at open (they are small); series records and chunk bytes are read from the mapped files on demand.
/// </summary>
/// <remarks>
/// Thread-safety: reads are safe from any thread. Lifetime is reference-counted: queriers
/// <see cref="TryAcquire"/> and <see cref="Release"/>; <see cref="Close"/> with deleteFiles unmaps and removes the
/// directory once the last reader is gone, so a compaction never pulls data from under a query.
/// </remarks>
internal sealed unsafe class Block
{
    private readonly MemoryMappedFile _indexFile;
    private readonly MemoryMappedViewAccessor _indexView;
    private readonly MemoryMappedFile _chunksFile;
    private readonly MemoryMappedViewAccessor _chunksView;
    private readonly byte* _index;
    private readonly long _indexLength;
    private readonly byte* _chunks;
    private readonly long _chunksLength;
    private readonly string[] _symbols;
    private readonly long[] _seriesOffsets;
    private readonly Dictionary<string, Dictionary<string, int[]>> _postings = new(StringComparer.Ordinal);
    private readonly Lock _tombstoneLock = new();
    private List<BlockTombstone> _tombstones;
    private int _references = 1;
    private int _deleteRequested;

    private Block(string dir)
    {
        Dir = dir;
        Meta = BlockMeta.Read(Path.Combine(dir, "meta.json"));
        _indexFile = Map(Path.Combine(dir, "index"), out _indexView, out _index, out _indexLength);
        _chunksFile = Map(Path.Combine(dir, "chunks", "000001"), out _chunksView, out _chunks, out _chunksLength);
        var chunkBytes = ChunkBytes;
        if (chunkBytes.Length < 8 || BinaryPrimitives.ReadUInt32LittleEndian(chunkBytes) != BlockWriter.ChunksMagic)
        {
            throw new FormatException($"{dir}/chunks/000001: bad magic or too short");
        }
        var chunksVersion = BinaryPrimitives.ReadUInt32LittleEndian(chunkBytes[4..]);
        if (chunksVersion != BlockWriter.ChunksVersion)
        {
            // Version 1 (plain XOR, no encoding byte) predates any release; such blocks are not read.
            throw new FormatException($"{dir}/chunks/000001: chunks format version {chunksVersion} is not supported (expected {BlockWriter.ChunksVersion})");
        }
        var index = IndexBytes;
        if (index.Length < 40 || BinaryPrimitives.ReadUInt32LittleEndian(index) != BlockWriter.IndexMagic)
        {
            throw new FormatException($"{dir}/index: bad magic or too short");
        }
        var tocStart = index.Length - 32;
        var crc = BinaryPrimitives.ReadUInt64LittleEndian(index[(tocStart + 24)..]);
        if (crc != Crc32C.Compute(index[..(tocStart + 24)]))
        {
            throw new FormatException($"{dir}/index: CRC mismatch");
        }
        var symbolsOffset = (int)BinaryPrimitives.ReadUInt64LittleEndian(index[tocStart..]);
        var seriesOffset = (int)BinaryPrimitives.ReadUInt64LittleEndian(index[(tocStart + 8)..]);
        var postingsOffset = (int)BinaryPrimitives.ReadUInt64LittleEndian(index[(tocStart + 16)..]);

        var cursor = new IndexCursor(index, symbolsOffset);
        _symbols = new string[cursor.UVarint()];
        for (var i = 0; i < _symbols.Length; i++)
        {
            _symbols[i] = LabelStrings.Intern(cursor.String());
        }

        cursor = new IndexCursor(index, seriesOffset);
        _seriesOffsets = new long[cursor.UVarint()];
        for (var s = 0; s < _seriesOffsets.Length; s++)
        {
            _seriesOffsets[s] = cursor.Position;
            var labelCount = (int)cursor.UVarint();
            for (var l = 0; l < labelCount * 2; l++)
            {
                cursor.UVarint();
            }
            var chunkCount = (int)cursor.UVarint();
            for (var c = 0; c < chunkCount; c++)
            {
                cursor.UVarint();
                cursor.UVarint();
                cursor.UVarint();
                cursor.UVarint();
                cursor.UVarint();
            }
        }

        cursor = new IndexCursor(index, postingsOffset);
        var entries = (int)cursor.UVarint();
        for (var e = 0; e < entries; e++)
        {
            var name = _symbols[cursor.UVarint()];
            var value = _symbols[cursor.UVarint()];
            var ids = new int[cursor.UVarint()];
            var previous = 0;
            for (var i = 0; i < ids.Length; i++)
            {
                previous += (int)cursor.UVarint();
                ids[i] = previous;
            }
            if (!_postings.TryGetValue(name, out var values))
            {
                _postings[name] = values = new Dictionary<string, int[]>(StringComparer.Ordinal);
            }
            values[value] = ids;
        }
        var tombstonesPath = Path.Combine(dir, "tombstones.json");
        _tombstones = File.Exists(tombstonesPath)
            ? JsonSerializer.Deserialize<List<BlockTombstone>>(File.ReadAllBytes(tombstonesPath)) ?? []
            : [];
    }

    public string Dir { get; }

    public BlockMeta Meta { get; }

    public int SeriesCount => _seriesOffsets.Length;

    public long SizeBytes => _indexLength + _chunksLength;

    public bool HasTombstones
    {
        get
        {
            lock (_tombstoneLock)
            {
                return _tombstones.Count > 0;
            }
        }
    }

    // SAFETY: _index points at a read-only view of _indexLength bytes that stays mapped until Unmap,
    // which runs only after the reference count dropped to zero; callers hold a reference.
    private ReadOnlySpan<byte> IndexBytes => new(_index, checked((int)_indexLength));

    // SAFETY: as IndexBytes, for the chunks file.
    private ReadOnlySpan<byte> ChunkBytes => new(_chunks, checked((int)_chunksLength));

    /// <exception cref="StorageException">The block is unreadable; the message names the directory.</exception>
    public static Block Open(string dir)
    {
        try
        {
            return new Block(dir);
        }
        catch (Exception ex) when (ex is FormatException or IOException or JsonException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            throw new StorageException($"block {dir} is unreadable: {ex.Message}", ex);
        }
    }

    public bool TryAcquire()
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            if (current == 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            Unmap();
            if (Volatile.Read(ref _deleteRequested) != 0)
            {
                Directory.Delete(Dir, recursive: true);
            }
        }
    }

    /// <summary>Drops the owner's reference; with <paramref name="deleteFiles"/> the directory goes too.</summary>
    public void Close(bool deleteFiles)
    {
        if (deleteFiles)
        {
            Volatile.Write(ref _deleteRequested, 1);
        }
        Release();
    }

    /// <summary>Sorted indexes of the series matching every matcher (the same algebra as the head's postings).</summary>
    public int[] Select(IReadOnlyList<LabelMatcher> matchers)
    {
        if (matchers.Count == 0)
        {
            return Enumerable.Range(0, _seriesOffsets.Length).ToArray();
        }
        int[]? result = null;
        foreach (var m in matchers)
        {
            if (!m.MatchesEmpty)
            {
                var matching = Union(m, wantMatch: true);
                result = result is null ? matching : result.Intersect(matching).ToArray();
            }
        }
        if (result is null)
        {
            throw new ArgumentException("at least one matcher must not match the empty string: " + string.Join(", ", matchers));
        }
        foreach (var m in matchers)
        {
            if (m.MatchesEmpty)
            {
                var excluded = Union(m, wantMatch: false);
                if (excluded.Length > 0)
                {
                    result = result.Except(excluded).ToArray();
                }
            }
        }
        Array.Sort(result);
        return result;
    }

    public IEnumerable<string> LabelNames() => _postings.Keys;

    public IEnumerable<string> LabelValues(string name) => _postings.TryGetValue(name, out var values) ? values.Keys : [];

    /// <summary>Labels and chunk metadata of series <paramref name="series"/>.</summary>
    public (LabelSet Labels, BlockChunkMeta[] Chunks) ReadSeries(int series)
    {
        var cursor = new IndexCursor(IndexBytes, (int)_seriesOffsets[series]);
        var labelCount = (int)cursor.UVarint();
        var builder = new LabelSetBuilder();
        for (var l = 0; l < labelCount; l++)
        {
            var name = _symbols[cursor.UVarint()];
            var value = _symbols[cursor.UVarint()];
            builder.Set(name, value);
        }
        var chunks = new BlockChunkMeta[cursor.UVarint()];
        for (var c = 0; c < chunks.Length; c++)
        {
            var minTime = cursor.Varint();
            var maxTime = minTime + cursor.Varint();
            chunks[c] = new BlockChunkMeta(minTime, maxTime, (int)cursor.UVarint(), (int)cursor.UVarint(), (long)cursor.UVarint());
        }
        return (builder.Build(), chunks);
    }

    /// <summary>A private copy of one chunk, CRC-checked.</summary>
    /// <exception cref="StorageException">The chunk is damaged.</exception>
    public SealedChunk ReadChunk(BlockChunkMeta meta)
    {
        var bytes = ChunkBytes;
        var cursor = new IndexCursor(bytes, (int)meta.Ref);
        var length = (int)cursor.UVarint();
        var start = cursor.Position;
        if (length < 1 || start + length + 4 > bytes.Length)
        {
            throw new StorageException($"block {Dir}: chunk at {meta.Ref} runs past the end of the chunks file");
        }
        var data = bytes.Slice(start, length);
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes[(start + length)..]) != Crc32C.Compute(data))
        {
            throw new StorageException($"block {Dir}: CRC mismatch in chunk at {meta.Ref}");
        }
        var encoding = data[0];
        var body = data[1..];
        if (encoding == BlockWriter.XorEncoding)
        {
            return new SealedChunk(body.ToArray(), meta.BitLength, meta.Count, meta.MinTime, meta.MaxTime);
        }
        if (encoding != BlockWriter.PackedEncoding)
        {
            throw new StorageException($"block {Dir}: unknown chunk encoding {encoding} at {meta.Ref}");
        }
        SealedChunk chunk;
        try
        {
            chunk = PackedChunkCodec.Decode(body.ToArray(), meta.Count);
        }
        catch (InvalidDataException e)
        {
            throw new StorageException($"block {Dir}: packed chunk at {meta.Ref} is damaged: {e.Message}", e);
        }
        if (chunk.BitLength != meta.BitLength || chunk.MinTime != meta.MinTime || chunk.MaxTime != meta.MaxTime)
        {
            throw new StorageException($"block {Dir}: packed chunk at {meta.Ref} does not match its index entry");
        }
        return chunk;
    }

    public TimeInterval[] Deletions(int series)
    {
        lock (_tombstoneLock)
        {
            return _tombstones.Where(t => t.Series == series).Select(t => new TimeInterval(t.MinTime, t.MaxTime)).ToArray();
        }
    }

    /// <summary>Adds deletions and persists them (temp file + rename).</summary>
    public void AddTombstones(IEnumerable<BlockTombstone> tombstones)
    {
        lock (_tombstoneLock)
        {
            var updated = new List<BlockTombstone>(_tombstones);
            updated.AddRange(tombstones);
            var path = Path.Combine(Dir, "tombstones.json");
            File.WriteAllBytes(path + ".tmp", JsonSerializer.SerializeToUtf8Bytes(updated));
            File.Move(path + ".tmp", path, overwrite: true);
            _tombstones = updated;
        }
    }

    private int[] Union(LabelMatcher matcher, bool wantMatch)
    {
        if (!_postings.TryGetValue(matcher.Name, out var values))
        {
            return [];
        }
        var set = new SortedSet<int>();
        foreach (var (value, ids) in values)
        {
            if (matcher.Matches(value) == wantMatch)
            {
                set.UnionWith(ids);
            }
        }
        return [.. set];
    }

    private void Unmap()
    {
        _indexView.SafeMemoryMappedViewHandle.ReleasePointer();
        _chunksView.SafeMemoryMappedViewHandle.ReleasePointer();
        _indexView.Dispose();
        _chunksView.Dispose();
        _indexFile.Dispose();
        _chunksFile.Dispose();
    }

    private static MemoryMappedFile Map(string path, out MemoryMappedViewAccessor view, out byte* pointer, out long length)
    {
        length = new FileInfo(path).Length;
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* start = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        pointer = start + view.PointerOffset;
        return file;
    }

    /// <summary>Varint cursor over index or chunk bytes; throws <see cref="FormatException"/> when short.</summary>
    private ref struct IndexCursor(ReadOnlySpan<byte> data, int position)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        public int Position { get; private set; } = position;

        public ulong UVarint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 70; shift += 7)
            {
                if (Position >= _data.Length)
                {
                    throw new FormatException("block data ended inside a varint");
                }
                var b = _data[Position++];
                value |= (ulong)(b & 0x7f) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }
            throw new FormatException("block varint longer than 10 bytes");
        }

        public long Varint()
        {
            var raw = UVarint();
            return (long)(raw >> 1) ^ -(long)(raw & 1);
        }

        public string String()
        {
            var length = (int)UVarint();
            if (Position + length > _data.Length)
            {
                throw new FormatException("block data ended inside a string");
            }
            var s = Encoding.UTF8.GetString(_data.Slice(Position, length));
            Position += length;
            return s;
        }
    }
}
