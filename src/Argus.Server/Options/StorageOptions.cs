namespace Argus.Server.Options;

/// <summary>The <c>--storage.tsdb.*</c> settings, with Prometheus' defaults and derivations applied.</summary>
public sealed record StorageOptions
{
    /// <summary>Data directory (<c>--storage.tsdb.path</c>, default <c>data/</c>).</summary>
    public required string Path { get; init; }

    /// <summary>How long to keep samples; 15d when neither a time nor a size retention is given.</summary>
    public required TimeSpan RetentionTime { get; init; }

    /// <summary>Most bytes of blocks to keep; 0 means no size limit.</summary>
    public required long RetentionSizeBytes { get; init; }

    public required TimeSpan MinBlockDuration { get; init; }

    /// <summary>Largest compacted block; defaults to 10% of the retention time, at most 31 days.</summary>
    public required TimeSpan MaxBlockDuration { get; init; }

    /// <summary>Do not create a lock file in the data directory.</summary>
    public required bool NoLockfile { get; init; }

    public required bool WalCompression { get; init; }

    /// <summary>How far behind the newest sample out-of-order samples are still accepted; 0 disables.</summary>
    public required TimeSpan OutOfOrderTimeWindow { get; init; }
}
