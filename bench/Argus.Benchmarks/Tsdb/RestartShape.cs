namespace Argus.Benchmarks.Tsdb;

/// <summary>What a restart benchmark's data directory holds.</summary>
public enum RestartShape
{
    /// <summary>Two scrapes of every series in WAL segments, no checkpoint: replay creates every series
    /// from its series record and re-encodes every sample.</summary>
    WalOnly,

    /// <summary>A checkpoint holding a full 120-sample chunk of every series (as after the head's
    /// periodic checkpoint), then two more scrapes in WAL segments.</summary>
    CheckpointAndWal,
}
