namespace Argus.Storage;

/// <summary>
/// Walks one series' samples in timestamp order without allocating per sample. Not thread-safe.
/// </summary>
public interface ISampleIterator
{
    /// <summary>Advances to the next sample.</summary>
    SampleKind Next();

    /// <summary>
    /// Advances to the first sample with timestamp ≥ <paramref name="timestampMs"/>. If the iterator
    /// is already there, it stays; it never moves backwards.
    /// </summary>
    SampleKind Seek(long timestampMs);

    /// <summary>Timestamp of the current sample, in milliseconds since the epoch.</summary>
    long Timestamp { get; }

    /// <summary>Value of the current float sample; stale markers keep their exact NaN bits.</summary>
    double Value { get; }

    /// <summary>The error that ended iteration (corrupt chunk, closed block), or null.</summary>
    Exception? Error { get; }
}
