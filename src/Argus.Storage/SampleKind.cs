namespace Argus.Storage;

/// <summary>What an iterator is positioned on. Native histograms are a later addition; the enum leaves
/// room for them without changing the iterator contract.</summary>
public enum SampleKind : byte
{
    /// <summary>Exhausted (or failed: check <see cref="ISampleIterator.Error"/>).</summary>
    None,

    /// <summary>A float sample.</summary>
    Float,
}
