using Argus.Model.Labels;
using Argus.PromQL.Engine;
using Argus.Rules.Alerting;
using Argus.Rules.Evaluation;
using Argus.Rules.Format;
using Argus.Rules.Manager;
using Argus.Storage;
using Argus.Storage.InMemory;

namespace Argus.Rules.Tests.Manager;

/// <summary>After a restart an alert's pending time is rebuilt from <c>ALERTS_FOR_STATE</c> written before it.</summary>
public sealed class ForStateRestorerTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UnixEpoch.AddDays(1);
    private static readonly RuleManagerOptions Options = new() { ForGracePeriod = TimeSpan.FromMinutes(10), ForOutageTolerance = TimeSpan.FromHours(1) };

    private readonly InMemoryStorage _storage = new();

    [Fact]
    public void AnAlertPendingBeforeTheRestartKeepsItsPendingTimeAndTheOutageIsNotCounted()
    {
        // Before the restart: pending since Start, last written at Start + 20m, then 5 minutes of outage.
        WriteForState(Start.AddMinutes(20), Start);
        var (group, rule) = Group("30m");
        var restart = Start.AddMinutes(25);
        group.Evaluate(restart);
        group.Evaluate(restart.AddMinutes(1));
        Assert.Equal(restart, Assert.Single(rule.ActiveAlerts()).ActiveAt);

        ForStateRestorer.Restore(group, restart.AddMinutes(1), _storage, Options);

        // 20 minutes were spent pending; shifting by the 6-minute gap leaves 10 more to wait.
        Assert.Equal(Start.AddMinutes(6), Assert.Single(rule.ActiveAlerts()).ActiveAt);
        Assert.True(rule.Restored);
    }

    [Fact]
    public void AnAlertCloseToFiringGetsTheGracePeriod()
    {
        WriteForState(Start.AddMinutes(25), Start);
        var (group, rule) = Group("30m");
        var now = Start.AddMinutes(27);
        group.Evaluate(now);
        ForStateRestorer.Restore(group, now, _storage, Options);
        Assert.Equal(now + Options.ForGracePeriod - TimeSpan.FromMinutes(30), Assert.Single(rule.ActiveAlerts()).ActiveAt);
    }

    [Fact]
    public void AnAlertThatHadFiredFiresAgainAtTheNextEvaluation()
    {
        WriteForState(Start.AddMinutes(40), Start);
        var (group, rule) = Group("30m");
        var now = Start.AddMinutes(42);
        group.Evaluate(now);
        ForStateRestorer.Restore(group, now, _storage, Options);
        group.Evaluate(now.AddMinutes(1));
        var alert = Assert.Single(rule.ActiveAlerts());
        Assert.Equal(Start, alert.ActiveAt);
        Assert.Equal(AlertState.Firing, alert.State);
    }

    [Fact]
    public void NoForStateIsWrittenUntilTheRuleIsRestored()
    {
        var (group, rule) = Group("30m");
        group.Evaluate(Start);
        Assert.Empty(new PromqlEngine().Evaluate(_storage, "ALERTS_FOR_STATE", Start.ToUnixTimeMilliseconds()).Vector);
        ForStateRestorer.Restore(group, Start, _storage, Options);
        group.Evaluate(Start.AddMinutes(1));
        Assert.Single(new PromqlEngine().Evaluate(_storage, "ALERTS_FOR_STATE", Start.AddMinutes(1).ToUnixTimeMilliseconds()).Vector);
        Assert.True(rule.Restored);
    }

    private (RuleGroup Group, AlertingRule Rule) Group(string forDuration)
    {
        var parsed = RuleFileParser.Parse($"groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: vector(1)\n        for: {forDuration}\n", "rules.yml");
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Errors));
        var context = new RuleEvaluationContext { Engine = new PromqlEngine(), Queryable = _storage, Appendable = _storage };
        var group = new RuleGroup(Assert.Single(parsed.Groups), TimeSpan.FromMinutes(1), context);
        var rule = (AlertingRule)group.Rules[0];
        rule.Restored = false;
        return (group, rule);
    }

    private void WriteForState(DateTimeOffset at, DateTimeOffset activeAt)
    {
        var appender = _storage.CreateAppender();
        var reference = SeriesRef.None;
        appender.Append(ref reference, LabelSet.FromPairs("__name__", "ALERTS_FOR_STATE", "alertname", "Down"), at.ToUnixTimeMilliseconds(), activeAt.ToUnixTimeSeconds());
        appender.Commit();
    }
}
