using Argus.Instrumentation.Metrics;

namespace Argus.Rules.Manager;

/// <summary>The rule-manager metrics Prometheus exposes, under Argus's prefix, each labelled with
/// <c>rule_group</c> = <c>file;name</c>.</summary>
public sealed class RuleManagerMetrics(MetricsRegistry registry)
{
    private const string GroupLabel = "rule_group";

    public CounterFamily Evaluations { get; } = registry.CounterFamily("argus_rule_evaluations_total", "The total number of rule evaluations.", GroupLabel);

    public CounterFamily EvaluationFailures { get; } = registry.CounterFamily("argus_rule_evaluation_failures_total", "The total number of rule evaluation failures.", GroupLabel);

    public CounterFamily Iterations { get; } = registry.CounterFamily("argus_rule_group_iterations_total", "The total number of scheduled rule group evaluations, whether executed or missed.", GroupLabel);

    public CounterFamily IterationsMissed { get; } = registry.CounterFamily("argus_rule_group_iterations_missed_total", "The total number of rule group evaluations missed due to slow rule group evaluation.", GroupLabel);

    public GaugeFamily LastDuration { get; } = registry.GaugeFamily("argus_rule_group_last_duration_seconds", "The duration of the last rule group evaluation.", GroupLabel);

    public GaugeFamily LastEvaluation { get; } = registry.GaugeFamily("argus_rule_group_last_evaluation_timestamp_seconds", "The timestamp of the last rule group evaluation in seconds.", GroupLabel);

    public GaugeFamily Interval { get; } = registry.GaugeFamily("argus_rule_group_interval_seconds", "The interval of a rule group.", GroupLabel);

    public GaugeFamily Rules { get; } = registry.GaugeFamily("argus_rule_group_rules", "The number of rules.", GroupLabel);

    /// <summary>Drops the series of a group that no longer exists.</summary>
    public void Forget(string group)
    {
        foreach (var family in new ChildFamily<Counter>[] { Evaluations, EvaluationFailures, Iterations, IterationsMissed })
        {
            family.Remove(group);
        }
        foreach (var family in new ChildFamily<Gauge>[] { LastDuration, LastEvaluation, Interval, Rules })
        {
            family.Remove(group);
        }
    }
}
