namespace Argus.Model.Histograms;

/// <summary>One bucket of a histogram with its bounds, as iterated for quantiles, fractions and the
/// HTTP API. Positive buckets are <c>(Lower, Upper]</c>, negative ones <c>[Lower, Upper)</c>, the zero
/// bucket <c>[Lower, Upper]</c>.</summary>
public readonly record struct HistogramBucket(double Lower, double Upper, double Count, bool LowerInclusive, bool UpperInclusive);
