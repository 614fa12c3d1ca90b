namespace Argus.Tsdb.Chunks;

/// <summary>An immutable encoded chunk and its bounds. The byte array is never mutated once sealed, so
/// snapshots share it freely across threads.</summary>
internal readonly record struct SealedChunk(byte[] Data, int BitLength, int Count, long MinTime, long MaxTime);
