using Argus.Model.Histograms;

namespace Argus.PromQL.Engine;

/// <summary>One native-histogram point of a series: timestamp in ms and histogram.</summary>
public readonly record struct HPoint(long T, FloatHistogram H);
