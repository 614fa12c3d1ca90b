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
        if (!_byKey.TryGetValue((metric, dropName), out var series))
        {
            series = new Series(metric, [], dropName);
            _byKey.Add((metric, dropName), series);
            _ordered.Add(series);
        }
        series.Points.Add(new FPoint(t, f));
        context.AddSamples(1);
    }

    public List<Series> Result => _ordered;
}
