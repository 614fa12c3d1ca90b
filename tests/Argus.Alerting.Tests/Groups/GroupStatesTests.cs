using Argus.Alerting.Alerts;
using Argus.Alerting.Config;
using Argus.Alerting.Groups;
using Argus.Alerting.History;
using Argus.Alerting.Routing;
using Argus.Alerting.Silences;
using Argus.Model.Labels;

namespace Argus.Alerting.Tests.Groups;

public sealed class GroupStatesTests : IDisposable
{
    private const string GroupKey = "{}/{severity=\"critical\"}:{alertname=\"DiskFull\"}";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "argus-groups-" + Guid.NewGuid().ToString("n"));
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly HistoryLog _history;
    private readonly Route _route = AlertmanagerConfigLoader.Load("""
        route:
          receiver: primary
          escalation:
            - {after: 15m, receiver: secondary}
            - {after: 45m, receiver: lead}
        receivers: [{name: primary}, {name: secondary}, {name: lead}]
        """, "am.yml").Route;

    public GroupStatesTests()
    {
        _history = HistoryLog.Open(new HistoryLogOptions { Time = _time });
    }

    public void Dispose()
    {
        _history.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private GroupStates Open() => GroupStates.Open(new GroupStatesOptions { Directory = _directory, History = _history, Time = _time });

    private Alert Firing(string instance) =>
        new(LabelSet.FromPairs("alertname", "DiskFull", "instance", instance), LabelSet.Empty, _time.UtcNow, _time.UtcNow.AddHours(1), _time.UtcNow, "", false);

    private Alert Resolved(Alert alert) => new(alert.Labels, alert.Annotations, alert.StartsAt, _time.UtcNow, _time.UtcNow, "", false);

    private Silence AckSilence(string id, string matcher) => new()
    {
        Id = id,
        Matchers = Alerting.Matchers.MatcherParser.Parse(matcher),
        StartsAt = _time.UtcNow,
        EndsAt = _time.UtcNow.AddHours(2),
        CreatedBy = "carol",
        Comment = "ack: disk team is on it",
    };

    private static (int Step, DateTime? Next, string? Receiver) Summary(EscalationStatus status) => (status.Step, status.NextStepAt, status.NextReceiver);

    [Fact]
    public void The_group_id_is_fnv1a_of_the_group_key_in_16_hex_digits()
    {
        Assert.Equal("cbf29ce484222325", GroupId.Of(string.Empty));
        Assert.Equal(Fnv64.Add(Fnv64.Offset, GroupKey).ToString("x16", System.Globalization.CultureInfo.InvariantCulture), GroupId.Of(GroupKey));
        Assert.True(GroupId.IsWellFormed(GroupId.Of(GroupKey)));
        Assert.False(GroupId.IsWellFormed("CBF29CE484222325"));
        Assert.False(GroupId.IsWellFormed("cbf29ce48422232"));
    }

    [Fact]
    public void An_acknowledgement_is_durable_when_acknowledge_returns()
    {
        var alerts = new[] { Firing("a"), Firing("b") };
        using var states = Open();
        var ack = states.Acknowledge(GroupKey, alerts, "alice", "on it");
        Assert.Equal(alerts.Select(a => a.Fingerprint).Order(), ack.Firing);
        // A second instance reads the files while the first is still open, as a restart after kill -9 does.
        using var restarted = Open();
        var kept = restarted.AcknowledgementOf(GroupKey)!;
        Assert.Equal(("alice", "on it", _time.UtcNow), (kept.By, kept.Comment, kept.At));
        Assert.Equal(ack.Firing, kept.Firing);
        Assert.Equal(
            [HistoryEventKind.Acknowledged, HistoryEventKind.Acknowledged],
            _history.Query(new HistoryQuery()).Select(e => e.Kind));
        Assert.All(_history.Query(new HistoryQuery()), e => Assert.Equal((GroupId.Of(GroupKey), "alice", "on it"), (e.GroupId, e.By, e.Detail)));
    }

    [Fact]
    public void An_acknowledgement_holds_until_a_new_alert_fires_in_the_group()
    {
        var a = Firing("a");
        using var states = Open();
        states.Acknowledge(GroupKey, [a], "alice", "on it");
        // The acknowledged alert resolving does not end it (the episode's end does, see below).
        Assert.NotNull(states.Evaluate(GroupKey, [a], _time.UtcNow, []));
        var b = Firing("b");
        Assert.Null(states.Evaluate(GroupKey, [a, b], _time.UtcNow, []));
        Assert.Null(states.AcknowledgementOf(GroupKey));
        var unack = _history.Query(new HistoryQuery())[0];
        Assert.Equal(HistoryEventKind.Unacknowledged, unack.Kind);
        Assert.Equal("alert {alertname=\"DiskFull\", instance=\"b\"} fired", unack.Detail);
    }

    [Fact]
    public void An_acknowledgement_silence_acknowledges_the_groups_it_covers_while_it_is_active()
    {
        var a = Firing("a");
        var b = Firing("b");
        using var states = Open();
        var partial = AckSilence("s1", "instance=\"a\"");
        Assert.Null(states.Evaluate(GroupKey, [a, b], _time.UtcNow, [partial]));
        var covering = AckSilence("s2", "alertname=\"DiskFull\"");
        var ack = states.Evaluate(GroupKey, [a, b], _time.UtcNow, [covering])!;
        Assert.Equal(("carol", "disk team is on it", "s2"), (ack.By, ack.Comment, ack.SilenceId));
        // A new alert the silence also matches keeps the acknowledgement.
        Assert.Same(ack, states.Evaluate(GroupKey, [a, b, Firing("c")], _time.UtcNow, [covering]));
        // The silence ends: so does the acknowledgement.
        Assert.Null(states.Evaluate(GroupKey, [a, b], _time.UtcNow, []));
        Assert.Contains("acknowledgement silence s2 is no longer active", _history.Query(new HistoryQuery())[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Escalation_is_measured_from_the_episodes_first_notification_and_steps_only_advance()
    {
        var a = Firing("a");
        using var states = Open();
        Assert.Null(states.NextStepAt(GroupKey, _route));
        Assert.Equal((0, null, "secondary"), Summary(states.Escalation(GroupKey, _route)!));
        var start = _time.UtcNow;
        states.Notified(GroupKey, "primary", start);
        Assert.Equal(start.AddMinutes(15), states.NextStepAt(GroupKey, _route));
        _time.Advance(TimeSpan.FromMinutes(15));
        states.StepFired(GroupKey, 1, "secondary", [a], _time.UtcNow);
        states.StepFired(GroupKey, 1, "secondary", [a], _time.UtcNow);
        var status = states.Escalation(GroupKey, _route)!;
        Assert.Equal(1, status.Step);
        Assert.Equal(["primary", "secondary"], status.Notified);
        Assert.Equal(start.AddMinutes(45), status.NextStepAt);
        Assert.Equal("lead", status.NextReceiver);
        Assert.Equal(HistoryEventKind.Escalated, _history.Query(new HistoryQuery())[0].Kind);
        Assert.Single(_history.Query(new HistoryQuery()));
        Assert.Equal(("secondary", "step 1"), (_history.Query(new HistoryQuery())[0].Receiver, _history.Query(new HistoryQuery())[0].Detail));

        states.Acknowledge(GroupKey, [a], "alice", "mine");
        Assert.Null(states.NextStepAt(GroupKey, _route));
        Assert.Equal((1, null, null), Summary(states.Escalation(GroupKey, _route)!));
        states.Unacknowledge(GroupKey, [a], "alice", "not mine after all");
        Assert.Equal(start.AddMinutes(45), states.NextStepAt(GroupKey, _route));
    }

    [Fact]
    public void The_end_of_an_episode_resets_escalation_and_ends_the_acknowledgement_and_survives_reopening()
    {
        var a = Firing("a");
        using (var states = Open())
        {
            states.Notified(GroupKey, "primary", _time.UtcNow);
            states.StepFired(GroupKey, 1, "secondary", [a], _time.UtcNow);
            states.Acknowledge(GroupKey, [a], "alice", "on it");
            Assert.Equal(1, states.Count);
            _time.Advance(TimeSpan.FromMinutes(20));
            states.EndEpisode(GroupKey, [Resolved(a)]);
            Assert.Null(states.Get(GroupKey));
            Assert.Equal(0, states.Count);
            Assert.Equal("all alerts resolved", _history.Query(new HistoryQuery())[0].Detail);
        }
        using var reopened = Open();
        Assert.Null(reopened.Get(GroupKey));
        Assert.Equal(0, reopened.Escalation(GroupKey, _route)!.Step);
    }

    [Fact]
    public void Maintenance_drops_old_states_of_groups_that_are_gone_and_keeps_live_ones()
    {
        using var states = Open();
        states.Notified("gone", "primary", _time.UtcNow);
        states.Notified("live", "primary", _time.UtcNow);
        _time.Advance(TimeSpan.FromHours(121));
        Assert.Equal(1, states.Maintain(key => key == "live"));
        Assert.Null(states.Get("gone"));
        Assert.NotNull(states.Get("live"));
        using var reopened = Open();
        Assert.Equal(1, reopened.Count);
    }

    [Fact]
    public void Changes_wake_whoever_plans_the_next_step()
    {
        using var states = Open();
        var changes = 0;
        states.Changed += () => changes++;
        states.Notified(GroupKey, "primary", _time.UtcNow);
        states.Notified(GroupKey, "primary", _time.UtcNow);
        states.Acknowledge(GroupKey, [Firing("a")], "alice", "");
        states.Unacknowledge(GroupKey, [], null, "removed");
        Assert.False(states.Unacknowledge(GroupKey, [], null, "removed again"));
        Assert.Equal(3, changes);
    }
}
