using Argus.Model.Labels;

namespace Argus.PromQL.Engine;

/// <summary>One element of an instant vector result.</summary>
public readonly record struct VectorSample(LabelSet Metric, long T, double F);
