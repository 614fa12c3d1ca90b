using Argus.Rules.Alerting;
using Argus.Rules.Evaluation;
using Argus.Web.Api.V1;

namespace Argus.Server.Composition;

/// <summary>Turns the rule manager's running groups into the models of <c>/api/v1/rules</c> and <c>/api/v1/alerts</c>.</summary>
internal static class RuleStatusView
{
    public static IReadOnlyList<RuleGroupStatus> From(IReadOnlyList<RuleGroup> groups) =>
        [.. groups.Select(g => new RuleGroupStatus(g.Name, g.File, [.. g.Rules.Select(RuleOf)], g.Interval, g.Limit, g.LastDuration, g.LastEvaluation))];

    private static RuleStatus RuleOf(Rule rule)
    {
        var status = rule.Status;
        var view = new RuleStatus(rule.Name, rule.Query, rule.Labels, status.HealthText, status.LastError, status.Duration, status.LastEvaluation);
        if (rule is not AlertingRule alerting)
        {
            return view;
        }
        var alerts = alerting.ActiveAlerts();
        return view with
        {
            IsAlerting = true,
            State = StateText(alerts.Select(a => a.State).DefaultIfEmpty(AlertState.Inactive).Max()),
            Duration = alerting.Definition.For,
            KeepFiringFor = alerting.Definition.KeepFiringFor,
            Annotations = LabelPairs.ToLabelSet(alerting.Definition.Annotations),
            Alerts = [.. alerts.Select(a => new AlertStatus(
                a.Labels,
                LabelPairs.ToLabelSet(a.Annotations),
                StateText(a.State),
                a.ActiveAt,
                a.KeepFiringSince == default ? null : a.KeepFiringSince,
                a.Value))],
        };
    }

    private static string StateText(AlertState state) => state switch
    {
        AlertState.Firing => "firing",
        AlertState.Pending => "pending",
        _ => "inactive",
    };
}
