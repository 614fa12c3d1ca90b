using Argus.Model.Histograms;
using Argus.Model.Labels;

namespace Argus.PromQL.Engine;

/// <summary>Gathers per-step output samples into series keyed by labels and name-drop flag, keeping
/// first-seen order. Counts points against the query's sample budget.</summary>
internal sealed class SeriesCollector(EvalContext context)
{
    private readonly Dictionary<(LabelSet, bool), Series> _byKey = [];
    private readonly List<Series> _ordered = [];

    public void Add(LabelSet metric, bool dropName, long t, double f)
    {
        SeriesFor(metric, dropName).Points.Add(new FPoint(t, f));
        context.AddSamples(1);
    }

    /// <summary>Adds a histogram point, or a float one when <paramref name="h"/> is null.</summary>
    public void Add(LabelSet metric, bool dropName, long t, double f, FloatHistogram? h)
    {
        if (h is null)
        {
            Add(metric, dropName, t, f);
            return;
        }
        (SeriesFor(metric, dropName).Histograms ??= []).Add(new HPoint(t, h));
        context.AddSamples(1);
    }

    private Series SeriesFor(LabelSet metric, bool dropName)
    {
        if (!_byKey.TryGetValue((metric, dropName), out var series))
        {
            series = new Series(metric, [], dropName);
            _byKey.Add((metric, dropName), series);
            _ordered.Add(series);
        }
        return series;
    }

    public List<Series> Result => _ordered;
}
