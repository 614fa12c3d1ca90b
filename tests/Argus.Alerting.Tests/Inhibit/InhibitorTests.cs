using Argus.Alerting.Alerts;
using Argus.Alerting.Config;
using Argus.Alerting.Inhibit;
using Argus.Model.Labels;

namespace Argus.Alerting.Tests.Inhibit;

public sealed class InhibitorTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static Inhibitor Build(string rules, params Alert[] alerts)
    {
        var config = AlertmanagerConfigLoader.Load("route: {receiver: r}\nreceivers: [{name: r}]\ninhibit_rules:\n" + rules, "alertmanager.yml");
        return new Inhibitor(config.InhibitRules, alerts);
    }

    private static Alert Firing(params string[] labels) =>
        new(LabelSet.FromPairs(labels), LabelSet.Empty, Now.AddMinutes(-5), Now.AddMinutes(5), Now, "", false);

    private static Alert Resolved(params string[] labels) =>
        new(LabelSet.FromPairs(labels), LabelSet.Empty, Now.AddMinutes(-5), Now.AddMinutes(-1), Now, "", false);

    private const string CriticalMutesWarning = """
          - source_matchers: ['severity="critical"']
            target_matchers: ['severity="warning"']
            equal: [cluster]
        """;

    [Fact]
    public void A_firing_source_mutes_targets_with_equal_labels()
    {
        var source = Firing("alertname", "Down", "severity", "critical", "cluster", "eu");
        var inhibitor = Build(CriticalMutesWarning, source);
        Assert.Equal([AlertFingerprint.Format(source.Fingerprint)], inhibitor.InhibitedBy(LabelSet.FromPairs("alertname", "Slow", "severity", "warning", "cluster", "eu"), Now));
        Assert.Empty(inhibitor.InhibitedBy(LabelSet.FromPairs("alertname", "Slow", "severity", "warning", "cluster", "us"), Now));
        Assert.Empty(inhibitor.InhibitedBy(LabelSet.FromPairs("alertname", "Slow", "severity", "info", "cluster", "eu"), Now));
    }

    [Fact]
    public void A_missing_equal_label_counts_as_the_empty_value()
    {
        var inhibitor = Build(CriticalMutesWarning, Firing("alertname", "Down", "severity", "critical"));
        Assert.Single(inhibitor.InhibitedBy(LabelSet.FromPairs("alertname", "Slow", "severity", "warning"), Now));
        Assert.Empty(inhibitor.InhibitedBy(LabelSet.FromPairs("alertname", "Slow", "severity", "warning", "cluster", "eu"), Now));
    }

    [Fact]
    public void A_resolved_source_mutes_nothing_and_a_source_that_fires_later_is_followed()
    {
        var inhibitor = Build(CriticalMutesWarning, Resolved("alertname", "Down", "severity", "critical"));
        var target = LabelSet.FromPairs("alertname", "Slow", "severity", "warning");
        Assert.Empty(inhibitor.InhibitedBy(target, Now));
        inhibitor.Observe(Firing("alertname", "Down", "severity", "critical"));
        Assert.Single(inhibitor.InhibitedBy(target, Now));
    }

    [Fact]
    public void Alerts_matching_both_sides_do_not_inhibit_each_other()
    {
        const string rule = """
              - source_matchers: ['alertname=~"Node.*"']
                target_matchers: ['alertname=~"Node.*"']
                equal: [instance]
            """;
        var a = Firing("alertname", "NodeDown", "instance", "x");
        var b = Firing("alertname", "NodeSlow", "instance", "x");
        var inhibitor = Build(rule, a, b);
        Assert.Empty(inhibitor.InhibitedBy(a.Labels, Now));
        Assert.Empty(inhibitor.InhibitedBy(b.Labels, Now));
    }

    [Fact]
    public void Collecting_resolved_sources_forgets_them()
    {
        var source = Firing("alertname", "Down", "severity", "critical");
        var inhibitor = Build(CriticalMutesWarning, source);
        var target = LabelSet.FromPairs("severity", "warning");
        Assert.Single(inhibitor.InhibitedBy(target, Now));
        inhibitor.CollectResolved(Now.AddMinutes(10));
        inhibitor.Observe(Resolved("alertname", "Other", "severity", "critical"));
        Assert.Empty(inhibitor.InhibitedBy(target, Now));
    }
}
