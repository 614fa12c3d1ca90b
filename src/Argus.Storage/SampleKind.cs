namespace Argus.Storage;

/// <summary>What an iterator is positioned on.</summary>
public enum SampleKind : byte
{
    /// <summary>Exhausted (or failed: check <see cref="ISampleIterator.Error"/>).</summary>
    None,

    /// <summary>A float sample.</summary>
    Float,

    /// <summary>A native histogram sample, read through <see cref="ISampleIterator.Histogram"/>.</summary>
    Histogram,
}
