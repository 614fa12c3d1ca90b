using Argus.Model.Labels;
using Argus.PromQL.Ast;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.PromQL.Engine;

/// <summary>The experimental <c>info()</c> function: enriches series with data labels of info series
/// (default <c>target_info</c>) that share the identifying labels <c>instance</c> and <c>job</c>.</summary>
internal sealed partial class Evaluator
{
    private static readonly string[] IdentifyingLabels = [LabelNames.Instance, LabelNames.Job];

    private List<Series> Info(Call c)
    {
        var baseStep = ByStep(EvalVector(c.Args[0]));
        var selector = c.Args.Count > 1 ? Unwrap(c.Args[1]) as VectorSelector : null;
        if (c.Args.Count > 1 && selector is null)
        {
            throw new PromqlException(ErrorType.BadData, "info(): the second argument must be a series selector");
        }
        var nameMatchers = selector?.Matchers.Where(m => m.Name == LabelNames.MetricName).ToList() ?? [];
        var dataMatchers = selector?.Matchers.Where(m => m.Name != LabelNames.MetricName).ToList() ?? [];
        if (nameMatchers.Count == 0)
        {
            nameMatchers.Add(new LabelMatcher(MatchType.Equal, LabelNames.MetricName, "target_info"));
        }
        var hasPositiveName = nameMatchers.Any(m => m.Type is MatchType.Equal or MatchType.Regex);
        var exactNames = nameMatchers.Where(m => m.Type == MatchType.Equal).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var infoSelector = new VectorSelector(null, [.. nameMatchers, new LabelMatcher(MatchType.Regex, LabelNames.MetricName, ".+")]);
        var infoSeries = EvalVectorSelector(infoSelector, returnTimestamps: true)
            .Where(s => s.Metric.MetricName.EndsWith("_info", StringComparison.Ordinal) || exactNames.Contains(s.Metric.MetricName))
            .Where(s => dataMatchers.All(m => m.Matches(s.Metric.Get(m.Name))))
            .ToList();
        var infoStep = ByStep(infoSeries);
        var allowEmpty = dataMatchers.All(m => m.MatchesEmpty);
        var includeNames = dataMatchers.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var collector = new SeriesCollector(_ctx);
        for (var i = 0; i < _steps; i++)
        {
            var t = StepTime(i);
            foreach (var b in baseStep[i])
            {
                if (hasPositiveName && nameMatchers.All(m => m.Matches(b.Metric.MetricName)))
                {
                    collector.Add(b.Metric, b.DropName, t, b.F);
                    continue;
                }
                var enriched = Enrich(b.Metric, infoStep[i], includeNames);
                if (enriched is null)
                {
                    if (allowEmpty)
                    {
                        collector.Add(b.Metric, b.DropName, t, b.F);
                    }
                    continue;
                }
                collector.Add(enriched, b.DropName, t, b.F);
            }
        }
        return collector.Result;
    }

    /// <summary>The base labels plus the data labels of the matching info series (latest sample per
    /// info metric name), or null when no info series matches.</summary>
    private static LabelSet? Enrich(LabelSet metric, List<StepSample> infos, HashSet<string> includeNames)
    {
        if (!IdentifyingLabels.Any(metric.Has))
        {
            return null;
        }
        var chosen = new Dictionary<string, StepSample>(StringComparer.Ordinal);
        foreach (var info in infos)
        {
            var matches = true;
            foreach (var id in IdentifyingLabels)
            {
                if (metric.Has(id) && info.Metric.Get(id) != metric.Get(id))
                {
                    matches = false;
                    break;
                }
            }
            if (!matches)
            {
                continue;
            }
            var name = info.Metric.MetricName;
            // The value of an info sample here is its timestamp: keep the most recent series per name.
            if (!chosen.TryGetValue(name, out var existing) || info.F > existing.F)
            {
                chosen[name] = info;
            }
        }
        if (chosen.Count == 0)
        {
            return null;
        }
        var builder = metric.ToBuilder();
        var added = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var info in chosen.Values)
        {
            foreach (var l in info.Metric)
            {
                if (l.Name == LabelNames.MetricName || IdentifyingLabels.Contains(l.Name) || metric.Has(l.Name))
                {
                    continue;
                }
                if (includeNames.Count > 0 && !includeNames.Contains(l.Name))
                {
                    continue;
                }
                if (added.TryGetValue(l.Name, out var previous) && previous != l.Value)
                {
                    throw new PromqlException(ErrorType.Execution, $"conflicting label: {l.Name} has values \"{previous}\" and \"{l.Value}\" in different info metrics");
                }
                added[l.Name] = l.Value;
                builder.Set(l.Name, l.Value);
            }
        }
        return builder.Build();
    }
}
