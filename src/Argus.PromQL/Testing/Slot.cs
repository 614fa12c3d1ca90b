using Argus.Model.Histograms;

namespace Argus.PromQL.Testing;

/// <summary>One slot of an expanded value sequence: nothing, a float (possibly the stale marker), or a
/// native histogram. <see cref="HintGiven"/> records whether the text spelled out
/// <c>counter_reset_hint:</c>, since only then is the hint compared.</summary>
public readonly record struct Slot(SlotKind Kind, double Value = 0, FloatHistogram? Histogram = null, bool HintGiven = false);
