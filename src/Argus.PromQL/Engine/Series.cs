using Argus.Model.Labels;

namespace Argus.PromQL.Engine;

/// <summary>A labelled series of points, the unit of matrix results. <see cref="DropName"/> marks series
/// whose <c>__name__</c> is to be removed at the end of evaluation (delayed name removal).</summary>
public sealed class Series(LabelSet metric, List<FPoint> points, bool dropName = false)
{
    public LabelSet Metric { get; internal set; } = metric;

    public List<FPoint> Points { get; } = points;

    public bool DropName { get; internal set; } = dropName;
}
