using Argus.Model.Histograms;
using Argus.Model.Labels;

namespace Argus.Rules.Evaluation;

/// <summary>One sample a rule writes at the evaluation's (offset) timestamp: a recorded series, or an
/// <c>ALERTS</c>/<c>ALERTS_FOR_STATE</c> sample. A recording rule over native histograms writes
/// <see cref="Histogram"/> instead of the value.</summary>
public readonly record struct RuleOutput(LabelSet Labels, double Value, FloatHistogram? Histogram = null);
