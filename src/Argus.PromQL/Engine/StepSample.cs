using Argus.Model.Histograms;
using Argus.Model.Labels;

namespace Argus.PromQL.Engine;

/// <summary>One sample of an instant vector at one evaluation step, with the delayed-name-removal flag;
/// a histogram sample when <see cref="H"/> is set.</summary>
internal readonly record struct StepSample(LabelSet Metric, double F, bool DropName, FloatHistogram? H = null);
