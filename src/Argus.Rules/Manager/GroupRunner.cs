using Argus.Rules.Alerting;
using Argus.Rules.Evaluation;
using Argus.Rules.Notifier;
using Argus.Templates.Formatting;
using Microsoft.Extensions.Logging;

namespace Argus.Rules.Manager;

/// <summary>
/// The loop of one rule group: evaluates it on its aligned schedule, counts iterations that were
/// skipped because an evaluation overran, restores <c>for</c> state after the second evaluation when
/// the group was loaded at startup, and hands due alerts to the notifier after each evaluation.
/// </summary>
internal sealed class GroupRunner(RuleGroup group, RuleManagerDependencies dependencies)
{
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public RuleGroup Group { get; } = group;

    /// <summary>The <c>rule_group</c> label of the group's metrics.</summary>
    public string MetricKey { get; } = group.File + ";" + group.Name;

    public void Start()
    {
        dependencies.Metrics.Interval.WithLabels(MetricKey).Set(Group.Interval.TotalSeconds);
        dependencies.Metrics.Rules.WithLabels(MetricKey).Set(Group.Rules.Count);
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Stops the loop after the evaluation in progress, if any.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var time = dependencies.Time;
        var interval = Group.Interval;
        var next = GroupSchedule.LatestSlot(time.GetUtcNow(), Group.File, Group.Name, interval) + interval;
        var evaluations = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = next - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
            EvaluateOnce(next);
            evaluations++;
            if (evaluations == 2 && Group.Rules.OfType<AlertingRule>().Any(r => !r.Restored))
            {
                // As Prometheus: wait for a second evaluation, so recording rules the alerts depend on
                // have caught up, then restore.
                ForStateRestorer.Restore(Group, time.GetUtcNow(), dependencies.Context.Queryable, dependencies.Options);
            }
            next += interval;
            var now = time.GetUtcNow();
            if (now >= next + interval)
            {
                var missed = (long)((now - next).Ticks / interval.Ticks);
                dependencies.Metrics.IterationsMissed.WithLabels(MetricKey).Inc(missed);
                dependencies.Metrics.Iterations.WithLabels(MetricKey).Inc(missed);
                next += interval * missed;
                dependencies.Logger.LogWarning("rule group {Group}: evaluation took longer than the interval; skipped {Missed} iteration(s)", Group.Name, missed);
            }
        }
    }

    private void EvaluateOnce(DateTimeOffset timestamp)
    {
        var metrics = dependencies.Metrics;
        metrics.Iterations.WithLabels(MetricKey).Inc();
        try
        {
            Group.Evaluate(timestamp);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug or storage failure must not end the loop: log it and try again next time.
            dependencies.Logger.LogError(e, "rule group {Group}: evaluation failed", Group.Name);
        }
        metrics.Evaluations.WithLabels(MetricKey).Inc(Group.Rules.Count);
        metrics.EvaluationFailures.WithLabels(MetricKey).Inc(Group.Rules.Count(r => r.Status.Health == RuleHealth.Err));
        metrics.LastDuration.WithLabels(MetricKey).Set(Group.LastDuration.TotalSeconds);
        metrics.LastEvaluation.WithLabels(MetricKey).Set(timestamp.ToUnixTimeMilliseconds() / 1000.0);
        SendAlerts(timestamp);
    }

    private void SendAlerts(DateTimeOffset timestamp)
    {
        var outgoing = new List<OutgoingAlert>();
        foreach (var rule in Group.Rules.OfType<AlertingRule>())
        {
            var generatorUrl = dependencies.Context.ExternalUrl.TrimEnd('/') + "/graph?g0.expr=" + GoEscapers.QueryEscape(rule.Query) + "&g0.tab=1";
            foreach (var alert in rule.StateMachine.TakeAlertsToSend(timestamp, dependencies.Options.ResendDelay, Group.Interval))
            {
                outgoing.Add(ToOutgoing(alert, generatorUrl));
            }
        }
        if (outgoing.Count == 0)
        {
            return;
        }
        try
        {
            dependencies.Send(outgoing);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            dependencies.Logger.LogError(e, "rule group {Group}: handing {Count} alert(s) to the notifier failed", Group.Name, outgoing.Count);
        }
    }

    private static OutgoingAlert ToOutgoing(Alert alert, string generatorUrl)
    {
        var endsAt = alert.State == AlertState.Inactive ? alert.ResolvedAt : alert.ValidUntil;
        return new OutgoingAlert(alert.Labels, LabelPairs.ToLabelSet(alert.Annotations), alert.FiredAt, endsAt, generatorUrl);
    }
}
