namespace Argus.Model.Histograms;

/// <summary>A run of consecutive buckets. The first span's <see cref="Offset"/> is the index of its first
/// bucket; every later span's offset is the number of empty buckets between it and the previous span.</summary>
public readonly record struct HistogramSpan(int Offset, int Length);
