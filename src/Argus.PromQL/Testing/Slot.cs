namespace Argus.PromQL.Testing;

/// <summary>One slot of an expanded value sequence: nothing, a float (possibly the stale marker), or a
/// native histogram (kept as its text; Argus storage does not hold histograms yet).</summary>
public readonly record struct Slot(SlotKind Kind, double Value = 0, string? Histogram = null);
