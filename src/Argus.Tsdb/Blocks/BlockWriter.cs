using System.Buffers.Binary;
using Argus.Tsdb.Wal;

namespace Argus.Tsdb.Blocks;

/// <summary>
/// Writes an immutable block directory: <c>chunks/000001</c>, <c>index</c> and <c>meta.json</c>
/// (docs/format/index.md). The directory is built under a temporary name, fsynced, then renamed, so a
/// crash never leaves a half-written block under a real name.
/// </summary>
internal static class BlockWriter
{
    public static readonly uint IndexMagic = 0x41524749; // "ARGI"
    public static readonly uint ChunksMagic = 0x41524743; // "ARGC"

    /// <summary>Chunks file version: 2 adds the per-chunk encoding byte and packed chunks (docs/format/chunks.md).</summary>
    public static readonly uint ChunksVersion = 2;

    /// <summary>Encoding byte of a chunk stored as its XOR stream.</summary>
    public const byte XorEncoding = 0;

    /// <summary>Encoding byte of a chunk stored by <see cref="Chunks.PackedChunkCodec"/>.</summary>
    public const byte PackedEncoding = 1;

    /// <summary>Writes <paramref name="series"/> (sorted by labels, non-empty) as block <paramref name="meta"/> in
    /// <paramref name="parentDir"/>; returns the block's directory.</summary>
    public static string Write(string parentDir, BlockMeta meta, IReadOnlyList<BlockSeriesData> series)
    {
        var final = Path.Combine(parentDir, meta.Id);
        var temporary = final + ".tmp";
        if (Directory.Exists(temporary))
        {
            Directory.Delete(temporary, recursive: true);
        }
        Directory.CreateDirectory(Path.Combine(temporary, "chunks"));
        var chunkRefs = WriteChunks(Path.Combine(temporary, "chunks", "000001"), series);
        WriteIndex(Path.Combine(temporary, "index"), series, chunkRefs);
        meta.Write(Path.Combine(temporary, "meta.json"));
        Directory.Move(temporary, final);
        return final;
    }

    private static long[][] WriteChunks(string path, IReadOnlyList<BlockSeriesData> series)
    {
        var refs = new long[series.Count][];
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using var buffer = new RecordBuffer(1 << 16);
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(header, ChunksMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], ChunksVersion);
        stream.Write(header);
        long offset = 8;
        Span<byte> crc = stackalloc byte[4];
        for (var s = 0; s < series.Count; s++)
        {
            var chunks = series[s].Chunks;
            refs[s] = new long[chunks.Count];
            for (var c = 0; c < chunks.Count; c++)
            {
                // Whichever of the XOR stream and the packed form is smaller is stored, behind one encoding byte.
                var data = chunks[c].Bytes;
                var encoding = XorEncoding;
                var packed = Chunks.PackedChunkCodec.Encode(chunks[c]);
                if (packed.Length < data.Length)
                {
                    data = packed;
                    encoding = PackedEncoding;
                }
                buffer.Clear();
                buffer.WriteUVarint((ulong)data.Length + 1);
                var bodyStart = buffer.Length;
                buffer.WriteBytes([encoding]);
                buffer.WriteBytes(data);
                BinaryPrimitives.WriteUInt32LittleEndian(crc, Crc32C.Compute(buffer.Written[bodyStart..]));
                buffer.WriteBytes(crc);
                refs[s][c] = offset;
                stream.Write(buffer.Written);
                offset += buffer.Length;
            }
        }
        stream.Flush(flushToDisk: true);
        return refs;
    }

    private static void WriteIndex(string path, IReadOnlyList<BlockSeriesData> series, long[][] chunkRefs)
    {
        // Symbol table: every distinct name and value, sorted; series refer to them by position.
        var symbolSet = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var s in series)
        {
            foreach (var label in s.Labels.AsSpan())
            {
                symbolSet.Add(label.Name);
                symbolSet.Add(label.Value);
            }
        }
        var symbols = symbolSet.ToArray();
        var symbolIndex = new Dictionary<string, int>(symbols.Length, StringComparer.Ordinal);
        for (var i = 0; i < symbols.Length; i++)
        {
            symbolIndex[symbols[i]] = i;
        }
        using var buffer = new RecordBuffer(1 << 20);
        buffer.WriteUInt64(((ulong)1 << 32) | IndexMagic);

        var symbolsOffset = buffer.Length;
        buffer.WriteUVarint((ulong)symbols.Length);
        foreach (var symbol in symbols)
        {
            buffer.WriteString(symbol);
        }

        var seriesOffset = buffer.Length;
        buffer.WriteUVarint((ulong)series.Count);
        var postings = new SortedDictionary<(int Name, int Value), List<int>>();
        for (var s = 0; s < series.Count; s++)
        {
            var labels = series[s].Labels.AsSpan();
            buffer.WriteUVarint((ulong)labels.Length);
            foreach (var label in labels)
            {
                var key = (symbolIndex[label.Name], symbolIndex[label.Value]);
                buffer.WriteUVarint((ulong)key.Item1);
                buffer.WriteUVarint((ulong)key.Item2);
                if (!postings.TryGetValue(key, out var list))
                {
                    postings[key] = list = [];
                }
                list.Add(s);
            }
            var chunks = series[s].Chunks;
            buffer.WriteUVarint((ulong)chunks.Count);
            for (var c = 0; c < chunks.Count; c++)
            {
                buffer.WriteVarint(chunks[c].MinTime);
                buffer.WriteVarint(chunks[c].MaxTime - chunks[c].MinTime);
                buffer.WriteUVarint((ulong)chunks[c].Count);
                buffer.WriteUVarint((ulong)chunks[c].BitLength);
                buffer.WriteUVarint((ulong)chunkRefs[s][c]);
            }
        }

        var postingsOffset = buffer.Length;
        buffer.WriteUVarint((ulong)postings.Count);
        foreach (var ((name, value), ids) in postings)
        {
            buffer.WriteUVarint((ulong)name);
            buffer.WriteUVarint((ulong)value);
            buffer.WriteUVarint((ulong)ids.Count);
            var previous = 0;
            foreach (var id in ids)
            {
                buffer.WriteUVarint((ulong)(id - previous));
                previous = id;
            }
        }

        buffer.WriteUInt64((ulong)symbolsOffset);
        buffer.WriteUInt64((ulong)seriesOffset);
        buffer.WriteUInt64((ulong)postingsOffset);
        var crc = Crc32C.Compute(buffer.Written);
        buffer.WriteUInt64(crc);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        stream.Write(buffer.Written);
        stream.Flush(flushToDisk: true);
    }
}
