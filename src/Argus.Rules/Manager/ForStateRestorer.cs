using Argus.Model;
using Argus.Model.Labels;
using Argus.Rules.Alerting;
using Argus.Rules.Evaluation;
using Argus.Storage;
using IQueryable = Argus.Storage.IQueryable;

namespace Argus.Rules.Manager;

/// <summary>
/// Restores how long alerts had been active before a restart from their <c>ALERTS_FOR_STATE</c>
/// series, as Prometheus does after a group's second evaluation: an alert that had already waited out
/// its <c>for</c> fires again at once; one that was close gets the grace period; otherwise the time
/// Argus was down is added, so the outage neither counts as pending nor resets the wait.
/// </summary>
public static class ForStateRestorer
{
    /// <summary>Restores every alerting rule of <paramref name="group"/> at <paramref name="now"/> and marks them restored.</summary>
    public static void Restore(RuleGroup group, DateTimeOffset now, IQueryable queryable, RuleManagerOptions options)
    {
        foreach (var rule in group.Rules.OfType<AlertingRule>())
        {
            if (rule.Restored)
            {
                continue;
            }
            var hold = rule.StateMachine.HoldDuration;
            // A rule whose 'for' is shorter than the grace period would only be delayed by restoring.
            if (hold > TimeSpan.Zero && hold >= options.ForGracePeriod)
            {
                RestoreRule(rule, now, queryable, options);
            }
            rule.Restored = true;
        }
    }

    private static void RestoreRule(AlertingRule rule, DateTimeOffset now, IQueryable queryable, RuleManagerOptions options)
    {
        var alerts = rule.ActiveAlerts();
        if (alerts.Count == 0)
        {
            return;
        }
        using var querier = queryable.CreateQuerier((now - options.ForOutageTolerance).ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds());
        foreach (var alert in alerts)
        {
            var forStateLabels = alert.Labels.ToBuilder().Set(LabelNames.MetricName, AlertSeries.ForStateMetric).Build();
            if (LatestSample(querier, forStateLabels) is not { } last || StaleNaN.Is(last.Value))
            {
                continue;
            }
            var downAt = DateTimeOffset.FromUnixTimeSeconds(last.TimeMs / 1000);
            var activeAt = DateTimeOffset.FromUnixTimeSeconds((long)last.Value);
            var remaining = rule.StateMachine.HoldDuration - (downAt - activeAt);
            if (remaining <= TimeSpan.Zero)
            {
                // It had been active for the whole 'for' already: keep its original start.
            }
            else if (remaining < options.ForGracePeriod)
            {
                activeAt = now + options.ForGracePeriod - rule.StateMachine.HoldDuration;
            }
            else
            {
                activeAt += now - downAt;
            }
            alert.ActiveAt = activeAt;
            rule.StateMachine.Restore(alert);
        }
    }

    private static (long TimeMs, double Value)? LatestSample(IQuerier querier, LabelSet labels)
    {
        var set = querier.Select(false, null, [.. labels.Select(l => LabelMatcher.Equal(l.Name, l.Value))]);
        (long, double)? latest = null;
        while (set.MoveNext())
        {
            if (set.Current.Labels != labels)
            {
                continue;
            }
            var iterator = set.Current.Iterator();
            while (iterator.Next() == SampleKind.Float)
            {
                latest = (iterator.Timestamp, iterator.Value);
            }
        }
        return latest;
    }
}
