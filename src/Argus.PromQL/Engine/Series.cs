using Argus.Model.Labels;

namespace Argus.PromQL.Engine;

/// <summary>A labelled series of points, the unit of matrix results. Float points and native-histogram
/// points are kept apart (as Prometheus does) so float-only code never looks at histograms; a step has
/// at most one of the two. <see cref="DropName"/> marks series whose <c>__name__</c> is to be removed at
/// the end of evaluation (delayed name removal).</summary>
public sealed class Series(LabelSet metric, List<FPoint> points, bool dropName = false)
{
    public LabelSet Metric { get; internal set; } = metric;

    public List<FPoint> Points { get; } = points;

    /// <summary>Histogram points in time order, or null when the series has none.</summary>
    public List<HPoint>? Histograms { get; set; }

    /// <summary>Float and histogram points together.</summary>
    public int Count => Points.Count + (Histograms?.Count ?? 0);

    public bool DropName { get; internal set; } = dropName;
}
