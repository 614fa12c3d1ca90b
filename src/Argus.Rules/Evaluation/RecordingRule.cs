using Argus.Model.Labels;
using Argus.Rules.Format;

namespace Argus.Rules.Evaluation;

/// <summary>
/// A recording rule: writes each element of its expression's result under the metric name
/// <c>record</c> with the rule's labels set on top.
/// </summary>
public sealed class RecordingRule(RuleDefinition definition, IReadOnlyList<KeyValuePair<string, string>> groupLabels)
    : Rule(definition, groupLabels)
{
    public override IReadOnlyList<RuleOutput> Evaluate(DateTimeOffset timestamp, TimeSpan queryOffset, int limit, RuleEvaluationContext context)
    {
        var vector = QueryVector(context, Expression, (timestamp - queryOffset).ToUnixTimeMilliseconds());
        var outputs = new List<RuleOutput>(vector.Count);
        var seen = new HashSet<LabelSet>();
        var builder = new LabelSetBuilder();
        foreach (var sample in vector)
        {
            builder.Reset(sample.Metric).Set(LabelNames.MetricName, Definition.Record!);
            foreach (var label in Labels)
            {
                builder.Set(label.Name, label.Value);
            }
            var labels = builder.Build();
            if (!seen.Add(labels))
            {
                throw new RuleEvaluationException("vector contains metrics with the same labelset after applying rule labels");
            }
            outputs.Add(new RuleOutput(labels, sample.F, sample.H));
        }
        if (limit > 0 && outputs.Count > limit)
        {
            throw new RuleEvaluationException($"exceeded limit of {limit} with {outputs.Count} series");
        }
        return outputs;
    }
}
