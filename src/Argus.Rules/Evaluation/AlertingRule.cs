using Argus.Model.Labels;
using Argus.PromQL.Ast;
using Argus.Rules.Alerting;
using Argus.Rules.Format;
using Argus.Templates;
using Argus.Templates.Prometheus;
using Microsoft.Extensions.Logging;

namespace Argus.Rules.Evaluation;

/// <summary>
/// An alerting rule: each element of its expression's result is an alert whose labels and annotations
/// are rendered from the rule's templates; <see cref="AlertStateMachine"/> carries each alert through
/// pending and firing, and every active alert is written as <c>ALERTS</c> and <c>ALERTS_FOR_STATE</c>.
/// </summary>
public sealed class AlertingRule : Rule
{
    public AlertingRule(RuleDefinition definition, IReadOnlyList<KeyValuePair<string, string>> groupLabels)
        : base(definition, groupLabels)
    {
        StateMachine = new AlertStateMachine(definition.For, definition.KeepFiringFor);
    }

    /// <summary>The rule's alerts; the group loop is the only writer.</summary>
    public AlertStateMachine StateMachine { get; private set; }

    /// <summary>
    /// False while the rule waits for its <c>for</c> state to be restored after a restart; until then it
    /// writes no <c>ALERTS_FOR_STATE</c>, so the restore reads the samples from before the restart.
    /// </summary>
    public bool Restored { get; set; } = true;

    /// <summary>The alerts that are pending or firing now (copies), ordered by labels.</summary>
    public IReadOnlyList<Alert> ActiveAlerts() => [.. StateMachine.Snapshot().Where(a => a.State != AlertState.Inactive)];

    /// <summary>The rule's overall state: firing if any alert fires, else pending if any is pending.</summary>
    public AlertState State
    {
        get
        {
            var state = AlertState.Inactive;
            foreach (var alert in StateMachine.Snapshot())
            {
                if (alert.State > state)
                {
                    state = alert.State;
                }
            }
            return state;
        }
    }

    /// <summary>Takes over the alerts of the same rule from before a reload.</summary>
    public void KeepStateOf(AlertingRule previous) => StateMachine = previous.StateMachine;

    public override IReadOnlyList<RuleOutput> Evaluate(DateTimeOffset timestamp, TimeSpan queryOffset, int limit, RuleEvaluationContext context)
    {
        var queryTime = timestamp - queryOffset;
        var vector = QueryVector(context, Expression, queryTime.ToUnixTimeMilliseconds());
        var candidates = new List<AlertCandidate>(vector.Count);
        if (vector.Count > 0)
        {
            var expander = new Expander(this, context, timestamp);
            var builder = new LabelSetBuilder();
            foreach (var sample in vector)
            {
                var data = new AlertTemplateData(QuerySample.LabelMap(sample.Metric), expander.ExternalLabels, context.ExternalUrl, sample.F);
                builder.Reset(sample.Metric).Delete(LabelNames.MetricName);
                foreach (var label in Labels)
                {
                    builder.Set(label.Name, expander.Expand(label.Value, data));
                }
                builder.Set(LabelNames.AlertName, Name);
                var annotations = new List<KeyValuePair<string, string>>(Definition.Annotations.Count);
                foreach (var (name, text) in Definition.Annotations)
                {
                    annotations.Add(new(name, expander.Expand(text, data)));
                }
                candidates.Add(new AlertCandidate(builder.Build(), annotations, sample.F));
            }
        }
        if (StateMachine.Update(candidates, timestamp, limit) is { } error)
        {
            throw new RuleEvaluationException(error);
        }
        var outputs = new List<RuleOutput>();
        foreach (var alert in StateMachine.Snapshot())
        {
            if (AlertSeries.Alerts(alert) is { } alerts)
            {
                outputs.Add(new RuleOutput(alerts.Labels, alerts.Value));
            }
            if (Restored && AlertSeries.ForState(alert) is { } forState)
            {
                outputs.Add(new RuleOutput(forState.Labels, forState.Value));
            }
        }
        return outputs;
    }

    /// <summary>Renders label and annotation templates of one evaluation; the function set (with the
    /// <c>query</c> function bound to this evaluation's time) is built once per evaluation.</summary>
    private sealed class Expander(AlertingRule rule, RuleEvaluationContext context, DateTimeOffset timestamp)
    {
        private TemplateFunctions? _functions;

        public IReadOnlyDictionary<string, string> ExternalLabels { get; } = QuerySample.LabelMap(context.ExternalLabels);

        public string Expand(string text, AlertTemplateData data)
        {
            // Text without an action renders as itself; skipping the parse keeps plain labels cheap.
            if (!text.Contains("{{", StringComparison.Ordinal))
            {
                return text;
            }
            _functions ??= PrometheusTemplateFunctions.Create(new PrometheusTemplateOptions
            {
                Query = RunQuery,
                ExternalUrl = context.ExternalUrl,
                Timestamp = timestamp,
            });
            if (AlertTemplateExpander.TryExpand(rule.Name, text, data, _functions, out var result, out var error))
            {
                return result;
            }
            // As Prometheus: a template that fails at run time is logged and its error text is used.
            context.Logger.LogWarning("alert {Alert}: expanding template failed: {Error}", rule.Name, error);
            return $"<error expanding template: {error}>";
        }

        private List<QuerySample> RunQuery(string query)
        {
            var result = context.Engine.Evaluate(context.Queryable, query, timestamp.ToUnixTimeMilliseconds());
            return result.Type switch
            {
                PromValueType.Vector => [.. result.Vector.Select(s => QuerySample.From(s.Metric, s.F))],
                PromValueType.Scalar => [QuerySample.From(LabelSet.Empty, result.Scalar)],
                _ => throw new RuleEvaluationException("rule result is not a vector or scalar"),
            };
        }
    }
}
