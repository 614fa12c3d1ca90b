namespace Argus.Model.Histograms;

/// <summary>What the producer of a histogram sample says about counter resets relative to the previous
/// sample of its series; storage may refine <see cref="Unknown"/> when it compares neighbours.</summary>
public enum CounterResetHint : byte
{
    /// <summary>Nothing known; readers compare with the previous sample.</summary>
    Unknown,

    /// <summary>A counter reset happened right before this sample.</summary>
    Reset,

    /// <summary>No counter reset happened right before this sample.</summary>
    NotReset,

    /// <summary>The histogram is a gauge: counts may go up and down, resets do not apply.</summary>
    Gauge,
}
