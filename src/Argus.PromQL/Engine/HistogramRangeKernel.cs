using Argus.Model.Histograms;
using Argus.Model.Labels;

namespace Argus.PromQL.Engine;

/// <summary>Computes a range function over one window of a series that holds native histograms: the
/// window's floats and, apart, its histograms. The result is a float, or a histogram when
/// <paramref name="h"/> is set; false when the window yields no sample.</summary>
internal delegate bool HistogramRangeKernel(RangeWindow floats, ReadOnlySpan<long> histogramTimes, ReadOnlySpan<FloatHistogram> histograms, LabelSet metric, out double f, out FloatHistogram? h);
