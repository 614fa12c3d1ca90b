namespace Argus.Tsdb.Blocks;

/// <summary>Where one chunk of a block series lives and what it covers.</summary>
internal readonly record struct BlockChunkMeta(long MinTime, long MaxTime, int Count, int BitLength, long Ref);
