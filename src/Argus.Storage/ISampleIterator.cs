using Argus.Model.Histograms;

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

    /// <summary>The current histogram sample when the iterator is on a <see cref="SampleKind.Histogram"/>,
    /// else null. Storage that holds no histograms never returns that kind and keeps this default.</summary>
    FloatHistogram? Histogram => null;

    /// <summary>The error that ended iteration (corrupt chunk, closed block), or null.</summary>
    Exception? Error { get; }

    /// <summary>
    /// Copies consecutive float samples into <paramref name="timestamps"/> and <paramref name="values"/>,
    /// starting with the current one when <paramref name="kind"/> (what the last <see cref="Next"/> or
    /// <see cref="Seek"/> returned) is <see cref="SampleKind.Float"/>, until the spans are full, a sample is
    /// later than <paramref name="maxTime"/> (it stays current), or the samples end. Returns how many were
    /// copied and leaves in <paramref name="kind"/> the kind of the sample now current. Storage overrides it
    /// to read a whole series without an interface call per sample.
    /// </summary>
    int ReadFloats(ref SampleKind kind, long maxTime, Span<long> timestamps, Span<double> values)
    {
        var n = 0;
        while (kind == SampleKind.Float && n < timestamps.Length && n < values.Length && Timestamp <= maxTime)
        {
            timestamps[n] = Timestamp;
            values[n] = Value;
            n++;
            kind = Next();
        }
        return n;
    }
}
