using Argus.Alerting.Config;
using Argus.Alerting.Routing;
using Argus.Config;
using Argus.Model.Labels;

namespace Argus.Alerting.Tests.Config;

public sealed class EscalationConfigTests
{
    private const string Policy = """
        route:
          receiver: team-chat
          group_by: [alertname]
          routes:
            - matchers: ['severity="critical"']
              receiver: oncall-primary
              repeat_interval: 30m
              repeat_interval_growth: 2
              max_repeat_interval: 8h
              escalation:
                - after: 15m
                  receiver: oncall-secondary
                - after: 45m
                  receiver: team-lead
              silence_notifications:
                receiver: team-chat
                events: [created, expired]
              routes:
                - matchers: ['team="db"']
                - matchers: ['team="web"']
                  escalation: []
        receivers:
          - name: team-chat
          - name: oncall-primary
          - name: oncall-secondary
          - name: team-lead
        """;

    private static AlertmanagerConfig Load(string yaml) => AlertmanagerConfigLoader.Load(yaml, "am.yml");

    private static ConfigException Reject(string yaml) => Assert.Throws<ConfigException>(() => Load(yaml));

    private static Route RouteFor(AlertmanagerConfig config, params string[] labels) => Assert.Single(config.Route.Match(LabelSet.FromPairs(labels)));

    [Fact]
    public void A_route_carries_its_escalation_policy_repeat_growth_and_silence_subscription()
    {
        var critical = RouteFor(Load(Policy), "severity", "critical");
        Assert.Equal([new EscalationStep(TimeSpan.FromMinutes(15), "oncall-secondary", 11, 11), new EscalationStep(TimeSpan.FromMinutes(45), "team-lead", 13, 11)], critical.Escalation);
        Assert.Equal(2, critical.RepeatIntervalGrowth);
        Assert.Equal(TimeSpan.FromHours(8), critical.MaxRepeatInterval);
        Assert.Equal([SilenceEventKind.Created, SilenceEventKind.Expired], critical.SilenceNotifications!.Events);
        Assert.Equal(TimeSpan.FromHours(1), critical.SilenceNotifications.ExpiringBefore);
        Assert.Equal("team-chat", critical.SilenceNotificationReceiver);
    }

    [Fact]
    public void Child_routes_inherit_the_extensions_and_an_empty_list_switches_escalation_off()
    {
        var config = Load(Policy);
        var db = RouteFor(config, "severity", "critical", "team", "db");
        Assert.Equal(2, db.Escalation.Count);
        Assert.Equal(2, db.RepeatIntervalGrowth);
        Assert.Equal("team-chat", db.SilenceNotificationReceiver);
        Assert.Equal("oncall-primary", db.Receiver);
        var web = RouteFor(config, "severity", "critical", "team", "web");
        Assert.Empty(web.Escalation);
        var other = RouteFor(config, "severity", "info");
        Assert.Empty(other.Escalation);
        Assert.Equal(1, other.RepeatIntervalGrowth);
        Assert.Null(other.MaxRepeatInterval);
        Assert.Null(other.SilenceNotificationReceiver);
    }

    [Fact]
    public void Silence_notifications_default_to_every_event_and_the_routes_own_receiver()
    {
        var config = Load("""
            route:
              receiver: r
              silence_notifications: {}
            receivers: [{name: r}]
            """);
        Assert.Equal([SilenceEventKind.Created, SilenceEventKind.Expiring, SilenceEventKind.Expired], config.Route.SilenceNotifications!.Events);
        Assert.Equal("r", config.Route.SilenceNotificationReceiver);
    }

    [Theory]
    [InlineData(0, 30)]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(3, 240)]
    [InlineData(4, 480)]
    [InlineData(5, 480)]
    [InlineData(500, 480)]
    public void The_repeat_interval_grows_by_the_factor_per_repeat_up_to_the_cap(int repeats, int expectedMinutes)
    {
        var critical = RouteFor(Load(Policy), "severity", "critical");
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), critical.RepeatIntervalAfter(repeats));
    }

    [Fact]
    public void Without_growth_the_repeat_interval_stays_alertmanagers()
    {
        var config = Load("route:\n  receiver: r\n  repeat_interval: 2h\nreceivers:\n  - name: r\n");
        Assert.Equal(TimeSpan.FromHours(2), config.Route.RepeatIntervalAfter(7));
    }

    [Fact]
    public void Growth_without_a_cap_does_not_overflow()
    {
        var config = Load("route:\n  receiver: r\n  repeat_interval_growth: 10\nreceivers:\n  - name: r\n");
        Assert.Equal(TimeSpan.MaxValue, config.Route.RepeatIntervalAfter(1000));
    }

    [Theory]
    [InlineData("escalation:\n    - {after: 15m, receiver: r}\n    - {after: 15m, receiver: r}", "am.yml:5:15: escalation steps must be in strictly increasing order of after, but 15m follows 15m")]
    [InlineData("escalation:\n    - {after: 30m, receiver: r}\n    - {after: 15m, receiver: r}", "am.yml:5:15: escalation steps must be in strictly increasing order of after, but 15m follows 30m")]
    [InlineData("escalation:\n    - {after: 0s, receiver: r}", "am.yml:4:15: escalation step after must be positive")]
    [InlineData("escalation:\n    - {receiver: r}", "am.yml:4:7: escalation step needs after (a duration)")]
    [InlineData("escalation:\n    - {after: 5m}", "am.yml:4:7: escalation step needs a receiver")]
    [InlineData("escalation:\n    - {after: 5m, receiver: r, continue: true}", "am.yml:4:32: field continue not found in type argus.EscalationStep")]
    [InlineData("escalation:\n    - {after: 5m, receiver: nobody}", "am.yml:4:7: undefined receiver \"nobody\" used in escalation step")]
    [InlineData("escalation:\n    - {after: soon, receiver: r}", "am.yml:4:15: ")]
    [InlineData("repeat_interval_growth: 0.5", "am.yml:3:27: repeat_interval_growth must be a number of at least 1, got 0.5")]
    [InlineData("repeat_interval_growth: .inf", "am.yml:3:27: repeat_interval_growth must be a number of at least 1")]
    [InlineData("repeat_interval: 1h\n  max_repeat_interval: 30m", "am.yml:4:24: max_repeat_interval must not be shorter than repeat_interval")]
    [InlineData("silence_notifications: {events: [created, forgotten]}", "am.yml:3:35: unknown silence event \"forgotten\" (expected created, expiring or expired)")]
    [InlineData("silence_notifications: {events: [created, created]}", "am.yml:3:35: silence event \"created\" is listed twice")]
    [InlineData("silence_notifications: {events: []}", "am.yml:3:35: silence_notifications needs at least one event")]
    [InlineData("silence_notifications: {expiring_before: 0s}", "am.yml:3:44: expiring_before must be positive")]
    [InlineData("silence_notifications: {receiver: nobody}", "am.yml:3:26: undefined receiver \"nobody\" used in silence_notifications")]
    [InlineData("silence_notifications: {reciever: r}", "am.yml:3:27: field reciever not found in type argus.SilenceNotifications")]
    public void Bad_extensions_are_errors_naming_file_line_and_column(string routeYaml, string expected)
    {
        var e = Reject("route:\n  receiver: r\n  " + routeYaml + "\nreceivers:\n  - name: r\n");
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_api_shows_amtool_the_file_without_argus_extensions()
    {
        var config = Load(Policy);
        var text = config.AlertmanagerText;
        foreach (var key in ArgusRouteExtensions.Keys)
        {
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        }
        // What is left is still the same routing tree, readable by a strict loader.
        var stripped = Load(text);
        Assert.Equal("oncall-primary", RouteFor(stripped, "severity", "critical", "team", "db").Receiver);
        Assert.Empty(RouteFor(stripped, "severity", "critical").Escalation);
        Assert.Equal(Policy, config.Original);
    }

    [Fact]
    public void A_file_without_extensions_is_shown_unchanged_with_its_comments()
    {
        const string yaml = "# the team's routes\nroute:\n  receiver: r # default\nreceivers:\n  - name: r\n";
        Assert.Same(yaml, Load(yaml).AlertmanagerText);
    }
}
