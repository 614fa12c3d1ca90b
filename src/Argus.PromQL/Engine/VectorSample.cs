using Argus.Model.Histograms;
using Argus.Model.Labels;

namespace Argus.PromQL.Engine;

/// <summary>One element of an instant vector result: a float, or a native histogram when <see cref="H"/>
/// is set (then <see cref="F"/> is meaningless).</summary>
public readonly record struct VectorSample(LabelSet Metric, long T, double F, FloatHistogram? H = null);
