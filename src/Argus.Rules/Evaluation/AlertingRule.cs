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
    private readonly Dictionary<string, (GoTemplate? Template, string? Error)> _templates = new(StringComparer.Ordinal);
    private TemplateFunctions? _functions;
    private DateTimeOffset _evaluationTime;

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
            _evaluationTime = timestamp;
            var externalLabels = QuerySample.LabelMap(context.ExternalLabels);
            var builder = new LabelSetBuilder();
            foreach (var sample in vector)
            {
                var data = new AlertTemplateData(QuerySample.LabelMap(sample.Metric), externalLabels, context.ExternalUrl, sample.F);
                builder.Reset(sample.Metric).Delete(LabelNames.MetricName);
                foreach (var label in Labels)
                {
                    builder.Set(label.Name, Expand(label.Value, data, context));
                }
                builder.Set(LabelNames.AlertName, Name);
                var annotations = new List<KeyValuePair<string, string>>(Definition.Annotations.Count);
                foreach (var (name, text) in Definition.Annotations)
                {
                    annotations.Add(new(name, Expand(text, data, context)));
                }
                candidates.Add(new AlertCandidate(builder.Build(), annotations, sample.F));
            }
        }
        if (StateMachine.Update(candidates, timestamp, limit) is { } error)
        {
            throw new RuleEvaluationException(error);
        }
        var tracked = StateMachine.TrackedByOwner();
        var outputs = new List<RuleOutput>(2 * tracked.Count);
        foreach (var alert in tracked)
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

    /// <summary>
    /// Renders one label or annotation template. Templates are parsed once per rule and text (parsing
    /// dominated evaluation time when every alert re-parsed them); the rule's function set reads the
    /// current evaluation's time, so <c>query</c> and <c>now</c> see the time being evaluated.
    /// </summary>
    private string Expand(string text, AlertTemplateData data, RuleEvaluationContext context)
    {
        // Text without an action renders as itself.
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            return text;
        }
        if (!_templates.TryGetValue(text, out var parsed))
        {
            parsed = Parse(text, context);
            _templates[text] = parsed;
        }
        string? error = parsed.Error;
        if (parsed.Template is { } template)
        {
            try
            {
                return template.Execute(data);
            }
            catch (TemplateExecutionException e)
            {
                error = $"error executing template {template.Name}: {e.Message}";
            }
        }
        // As Prometheus: a template that fails at run time is logged and its error text is used.
        context.Logger.LogWarning("alert {Alert}: expanding template failed: {Error}", Name, error);
        return $"<error expanding template: {error}>";
    }

    private (GoTemplate? Template, string? Error) Parse(string text, RuleEvaluationContext context)
    {
        _functions ??= PrometheusTemplateFunctions.Create(new PrometheusTemplateOptions
        {
            Query = query => RunQuery(context, query),
            ExternalUrl = context.ExternalUrl,
        }).Add("now", 0, 0, _ => (_evaluationTime - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond);
        var name = "__alert_" + Name;
        try
        {
            return (GoTemplate.Parse(name, AlertTemplateExpander.Preamble + text, _functions), null);
        }
        catch (TemplateParseException e)
        {
            return (null, $"error parsing template {name}: {e.Message}");
        }
    }

    private List<QuerySample> RunQuery(RuleEvaluationContext context, string query)
    {
        var result = context.Engine.Evaluate(context.Queryable, query, _evaluationTime.ToUnixTimeMilliseconds());
        return result.Type switch
        {
            PromValueType.Vector => [.. result.Vector.Select(s => QuerySample.From(s.Metric, s.F))],
            PromValueType.Scalar => [QuerySample.From(LabelSet.Empty, result.Scalar)],
            _ => throw new RuleEvaluationException("rule result is not a vector or scalar"),
        };
    }
}
