namespace Argus.Tsdb.Chunks;

/// <summary>An immutable encoded chunk and its bounds: the stream starts at <paramref name="Offset"/> in
/// <paramref name="Data"/>. Chunks loaded from a WAL checkpoint share the file's bytes (one large array
/// per checkpoint file) instead of being copied out one by one; head chunks own their array. The bytes
/// are never mutated once sealed, so snapshots share them freely across threads.</summary>
internal readonly record struct SealedChunk(byte[] Data, int BitLength, int Count, long MinTime, long MaxTime, int Offset = 0)
{
    /// <summary>The chunk's stream, ceil(bit length / 8) bytes.</summary>
    public ReadOnlySpan<byte> Bytes => Data.AsSpan(Offset, (BitLength + 7) >> 3);
}
