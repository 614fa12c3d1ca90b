namespace Argus.Tsdb.Wal;

/// <summary>Record types of the WAL (docs/format/wal.md). Persisted: never renumber.</summary>
public enum WalRecordType : byte
{
    /// <summary>Series definitions: id and labels.</summary>
    Series = 1,

    /// <summary>Float samples: series id, timestamp, value bits.</summary>
    Samples = 2,

    /// <summary>Deletions: series id and a time interval.</summary>
    Tombstones = 3,

    /// <summary>An encoded chunk of one series (checkpoints only).</summary>
    Chunk = 4,
}
