using Argus.Alerting.Alerts;
using Argus.Alerting.Config;
using Argus.Alerting.Dispatch;
using Argus.Alerting.Groups;
using Argus.Alerting.History;
using Argus.Alerting.Inhibit;
using Argus.Alerting.Matchers;
using Argus.Alerting.NotificationLog;
using Argus.Alerting.Routing;
using Argus.Alerting.Silences;
using Argus.Alerting.Tests;
using Argus.Instrumentation.Metrics;
using Argus.Model.Labels;
using Argus.Notify.Pipeline;
using Argus.Templates.Alertmanager;

namespace Argus.Notify.Tests.Pipeline;

/// <summary>Escalation, acknowledgement and growing repeats as timelines on a manual clock, through the real
/// dispatcher, pipeline, notification log and group states, with a restart rebuilding them from their files.</summary>
public sealed class EscalationPipelineTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 3, 9, 0, 0, TimeSpan.Zero); // a Tuesday

    private const string Config = """
        route:
          receiver: team
          group_by: [alertname]
          group_wait: 30s
          group_interval: 5m
          repeat_interval: 4h
          routes:
            - matchers: ['severity="critical"']
              receiver: primary
              escalation:
                - {after: 15m, receiver: secondary}
                - {after: 45m, receiver: lead}
            - matchers: ['severity="page"']
              receiver: primary
              group_interval: 10m
              escalation:
                - {after: 15m, receiver: secondary}
            - matchers: ['severity="warning"']
              receiver: team
              repeat_interval: 30m
              repeat_interval_growth: 2
              max_repeat_interval: 2h
        receivers: [{name: team}, {name: primary}, {name: secondary}, {name: lead}]
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "argus-escalation-" + Guid.NewGuid().ToString("n"));
    private readonly ManualTimeProvider _time = new(Start);
    private readonly AlertmanagerConfig _config = AlertmanagerConfigLoader.Load(Config, "alertmanager.yml");
    private readonly MetricsRegistry _registry = new();
    private readonly NotificationMetrics _metrics;
    private readonly SilenceStore _silences;
    private readonly HistoryLog _history;
    private readonly AcknowledgementTokens _tokens;
    private AlertStore _store = new();
    private Alerting.NotificationLog.NotificationLog _log = null!;
    private GroupStates _groups = null!;
    private Dispatcher? _dispatcher;
    private Inhibitor? _inhibitor;
    private NotificationPipeline? _pipeline;
    private Dictionary<string, RecordingNotifier> _receivers = [];

    public EscalationPipelineTests()
    {
        _metrics = new NotificationMetrics(_registry);
        _silences = SilenceStore.Open(new SilenceStoreOptions { UtcNow = () => _time.UtcNow });
        _history = HistoryLog.Open(new HistoryLogOptions { Time = _time });
        _tokens = AcknowledgementTokens.LoadOrCreate(_directory);
        Build();
    }

    public void Dispose()
    {
        _dispatcher?.Dispose();
        _inhibitor?.Dispose();
        _log.Dispose();
        _groups.Dispose();
        _history.Dispose();
        _silences.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Builds stores, pipeline and dispatcher as the alert manager does, over the files in the directory.</summary>
    private void Build()
    {
        _log = Alerting.NotificationLog.NotificationLog.Open(new NotificationLogOptions { Directory = _directory, Time = _time });
        _groups = GroupStates.Open(new GroupStatesOptions { Directory = _directory, History = _history, Time = _time });
        _receivers = _config.Receivers.ToDictionary(r => r.Name, r => new RecordingNotifier("webhook", sendResolved: true));
        _inhibitor = Inhibitor.Follow(_config.InhibitRules, _store);
        _pipeline = new NotificationPipeline(new NotificationPipelineOptions
        {
            Config = _config,
            Integrations = r => [_receivers[r.Name]],
            Silences = _silences,
            Inhibitor = _inhibitor,
            NotificationLog = _log,
            Templates = AlertmanagerTemplates.Create([]),
            ExternalUrl = new Uri("http://am.example:9093/prefix/"),
            Metrics = _metrics,
            Groups = _groups,
            History = _history,
            AcknowledgementTokens = _tokens,
            Time = _time,
        });
        _dispatcher = new Dispatcher(_store, _config.Route, _pipeline.Handler, _time, escalation: _groups.NextStepAt);
    }

    /// <summary>Kills everything in memory and builds it again from the files, with a fresh (empty) alert store.</summary>
    private void Restart()
    {
        _dispatcher!.Dispose();
        _inhibitor!.Dispose();
        _log.Dispose();
        _groups.Dispose();
        _store = new AlertStore();
        Build();
    }

    private Alert Fire(string alertname, string severity, string instance = "1", DateTime? startsAt = null)
    {
        var now = _time.UtcNow;
        var labels = LabelSet.FromPairs("alertname", alertname, "instance", instance, "severity", severity);
        return _store.Put(new Alert(labels, LabelSet.Empty, startsAt ?? now, now.AddDays(1), now, "", false), now);
    }

    private void Resolve(Alert alert)
    {
        var now = _time.UtcNow;
        _store.Put(new Alert(alert.Labels, alert.Annotations, alert.StartsAt, now, now, "", false), now);
    }

    /// <summary>Moves the clock to <paramref name="until"/> after <see cref="Start"/>, running every flush (regular or
    /// for escalation) at the moment it falls due, as the dispatcher's loop does.</summary>
    private async Task RunUntilAsync(TimeSpan until)
    {
        var target = Start.UtcDateTime + until;
        while (_dispatcher!.NextFlush is { } next && next <= target)
        {
            if (next > _time.UtcNow)
            {
                _time.Advance(next - _time.UtcNow);
            }
            await _dispatcher.FlushDueAsync(CancellationToken.None);
        }
        if (target > _time.UtcNow)
        {
            _time.Advance(target - _time.UtcNow);
        }
    }

    /// <summary>When each notification of <paramref name="receiver"/> was sent, relative to <see cref="Start"/>, and its status.</summary>
    private List<(TimeSpan At, string Status)> Sent(string receiver) =>
        _receivers[receiver].Sent.Select(r => (r.Now - Start.UtcDateTime, r.Alerts.Any(a => !a.IsResolved(r.Now)) ? "firing" : "resolved")).ToList();

    private static TimeSpan M(double minutes) => TimeSpan.FromMinutes(minutes);

    private string GroupKeyOf(string alertname, string severity) =>
        AggregationGroup.KeyOf(Assert.Single(_config.Route.Match(LabelSet.FromPairs("alertname", alertname, "severity", severity))), LabelSet.FromPairs("alertname", alertname));

    [Fact]
    public async Task Escalation_steps_fire_at_their_delays_from_the_first_notification_each_once()
    {
        Fire("DiskFull", "critical");
        await RunUntilAsync(TimeSpan.FromHours(3));
        Assert.Equal([(M(0.5), "firing")], Sent("primary"));
        Assert.Equal([(M(15.5), "firing")], Sent("secondary"));
        Assert.Equal([(M(45.5), "firing")], Sent("lead"));
        Assert.Equal(1, _receivers["secondary"].Sent[0].EscalationStep);
        Assert.Equal(2, _receivers["lead"].Sent[0].EscalationStep);
        var status = _groups.Escalation(GroupKeyOf("DiskFull", "critical"), _config.Route.Routes[0])!;
        Assert.Equal((2, null, null), (status.Step, status.NextStepAt, status.NextReceiver));
        Assert.Equal(["primary", "secondary", "lead"], status.Notified);
        var escalated = _history.Query(new HistoryQuery { Filter = e => e.Kind == HistoryEventKind.Escalated });
        Assert.Equal([("lead", "step 2"), ("secondary", "step 1")], escalated.Select(e => (e.Receiver!, e.Detail!)));
    }

    [Fact]
    public async Task A_step_due_between_group_intervals_fires_on_time()
    {
        Fire("Latency", "page");
        await RunUntilAsync(TimeSpan.FromHours(1));
        // Regular flushes at 0:30, 10:30, 20:30…; the step is due at 15:30 and goes out then.
        Assert.Equal([(M(15.5), "firing")], Sent("secondary"));
        Assert.Equal([(M(0.5), "firing")], Sent("primary"));
    }

    [Fact]
    public async Task The_repeat_interval_grows_for_an_alarm_that_persists_up_to_its_cap()
    {
        Fire("QueueSlow", "warning");
        await RunUntilAsync(TimeSpan.FromHours(8));
        Assert.Equal([M(0.5), M(30.5), M(90.5), M(210.5), M(330.5), M(450.5)], Sent("team").Select(s => s.At));
        // A change resets the growth: the next repeat is 30m after it.
        Fire("QueueSlow", "warning", instance: "2");
        await RunUntilAsync(TimeSpan.FromHours(9));
        Assert.Equal([M(480.5), M(510.5)], Sent("team").Skip(6).Select(s => s.At));
    }

    [Fact]
    public async Task An_acknowledgement_stops_escalation_and_repeats_but_not_the_resolution()
    {
        var alert = Fire("DiskFull", "critical");
        await RunUntilAsync(M(5));
        var group = Assert.Single(_dispatcher!.Groups());
        _groups.Acknowledge(group.Key, group.Alerts, "alice", "on it");
        await RunUntilAsync(TimeSpan.FromHours(5));
        Assert.Empty(Sent("secondary"));
        Assert.Empty(Sent("lead"));
        // repeat_interval (4h) passed, but the group is acknowledged.
        Assert.Equal([(M(0.5), "firing")], Sent("primary"));
        Resolve(alert);
        await RunUntilAsync(TimeSpan.FromHours(5.1));
        Assert.Equal([(M(0.5), "firing"), (M(300.5), "resolved")], Sent("primary"));
        // The episode ended with the resolution: so did the acknowledgement.
        Assert.Null(_groups.Get(group.Key));
    }

    [Fact]
    public async Task A_new_alert_firing_ends_the_acknowledgement_and_escalation_resumes_where_it_was()
    {
        Fire("DiskFull", "critical");
        await RunUntilAsync(M(5));
        var group = Assert.Single(_dispatcher!.Groups());
        _groups.Acknowledge(group.Key, group.Alerts, "alice", "on it");
        await RunUntilAsync(M(20));
        Assert.Empty(Sent("secondary"));
        Fire("DiskFull", "critical", instance: "2");
        await RunUntilAsync(TimeSpan.FromHours(1));
        // The new alert is notified at the next flush (20:30), and step 1, overdue since 15:30, goes out with it.
        Assert.Equal([(M(0.5), "firing"), (M(20.5), "firing")], Sent("primary"));
        Assert.Equal([(M(20.5), "firing")], Sent("secondary"));
        Assert.Equal(2, _receivers["secondary"].Sent[0].Alerts.Count);
        Assert.Equal([(M(45.5), "firing")], Sent("lead"));
        Assert.Null(_groups.AcknowledgementOf(group.Key));
        var unack = _history.Query(new HistoryQuery { Filter = e => e.Kind == HistoryEventKind.Unacknowledged })[0];
        Assert.StartsWith("alert {alertname=\"DiskFull\", instance=\"2\"", unack.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_the_acknowledgement_lets_escalation_resume()
    {
        Fire("DiskFull", "critical");
        await RunUntilAsync(M(5));
        var group = Assert.Single(_dispatcher!.Groups());
        _groups.Acknowledge(group.Key, group.Alerts, "alice", "on it");
        await RunUntilAsync(M(30));
        _groups.Unacknowledge(group.Key, group.Alerts, "alice", "handing over");
        _dispatcher.Wake();
        await RunUntilAsync(M(31));
        Assert.Equal([(M(30), "firing")], Sent("secondary"));
    }

    [Fact]
    public async Task After_everything_resolves_the_steps_hear_it_and_a_new_episode_starts_from_step_zero()
    {
        var alert = Fire("DiskFull", "critical");
        await RunUntilAsync(M(20));
        Assert.Single(Sent("secondary"));
        Resolve(alert);
        await RunUntilAsync(M(30));
        Assert.Equal([(M(15.5), "firing"), (M(20.5), "resolved")], Sent("secondary"));
        Assert.Empty(_dispatcher!.Groups());

        Fire("DiskFull", "critical", instance: "1", startsAt: _time.UtcNow);
        await RunUntilAsync(TimeSpan.FromHours(1.5));
        Assert.Equal([(M(0.5), "firing"), (M(20.5), "resolved"), (M(30.5), "firing")], Sent("primary"));
        Assert.Equal([(M(15.5), "firing"), (M(20.5), "resolved"), (M(45.5), "firing")], Sent("secondary"));
        Assert.Equal([(M(75.5), "firing")], Sent("lead"));
    }

    [Fact]
    public async Task An_ack_silence_acknowledges_without_muting()
    {
        _silences.Set(new Silence
        {
            Matchers = MatcherParser.Parse("alertname=\"DiskFull\""),
            StartsAt = _time.UtcNow,
            EndsAt = _time.UtcNow.AddHours(3),
            CreatedBy = "carol",
            Comment = "ack: storage team on it",
        });
        Fire("DiskFull", "critical");
        await RunUntilAsync(TimeSpan.FromHours(1));
        Assert.Equal([(M(0.5), "firing")], Sent("primary"));
        Assert.Empty(Sent("secondary"));
        var ack = _groups.AcknowledgementOf(GroupKeyOf("DiskFull", "critical"))!;
        Assert.Equal(("carol", "storage team on it"), (ack.By, ack.Comment));
    }

    [Fact]
    public async Task Every_firing_notification_carries_a_signed_link_for_its_group_and_firing_set()
    {
        var alert = Fire("DiskFull", "critical");
        await RunUntilAsync(M(1));
        var request = Assert.Single(_receivers["primary"].Sent);
        Assert.StartsWith("http://am.example:9093/prefix/api/v2/acknowledge?token=", request.AckUrl, StringComparison.Ordinal);
        var token = Uri.UnescapeDataString(request.AckUrl!.Split("token=")[1]);
        Assert.Equal(AcknowledgementTokenCheck.Valid, _tokens.Verify(token, out var groupId, out var digest));
        Assert.Equal(GroupId.Of(request.GroupKey), groupId);
        Assert.Equal(AcknowledgementTokens.Digest([alert.Fingerprint]), digest);
        Resolve(alert);
        await RunUntilAsync(M(6));
        Assert.Null(_receivers["primary"].Sent[1].AckUrl);
    }

    [Fact]
    public async Task A_restart_mid_cycle_sends_nothing_twice_and_keeps_the_escalation_schedule()
    {
        var alert = Fire("DiskFull", "critical");
        await RunUntilAsync(M(20));
        Assert.Single(Sent("primary"));
        Assert.Single(Sent("secondary"));

        Restart();
        // The sender re-sends its alert after the restart, as Prometheus does.
        _store.Put(new Alert(alert.Labels, alert.Annotations, alert.StartsAt, _time.UtcNow.AddDays(1), _time.UtcNow, "", false), _time.UtcNow);
        await RunUntilAsync(TimeSpan.FromHours(1));
        Assert.Empty(Sent("primary"));
        Assert.Empty(Sent("secondary"));
        Assert.Equal([(M(45.5), "firing")], Sent("lead"));
    }

    [Fact]
    public async Task A_restart_keeps_the_acknowledgement()
    {
        var alert = Fire("DiskFull", "critical");
        await RunUntilAsync(M(5));
        var group = Assert.Single(_dispatcher!.Groups());
        _groups.Acknowledge(group.Key, group.Alerts, "alice", "on it");
        Restart();
        _store.Put(new Alert(alert.Labels, alert.Annotations, alert.StartsAt, _time.UtcNow.AddDays(1), _time.UtcNow, "", false), _time.UtcNow);
        await RunUntilAsync(TimeSpan.FromHours(2));
        Assert.Empty(Sent("primary"));
        Assert.Empty(Sent("secondary"));
        Assert.Equal("alice", _groups.AcknowledgementOf(group.Key)!.By);
    }

    [Fact]
    public async Task Deliveries_are_recorded_in_the_history_with_receiver_and_integration()
    {
        Fire("DiskFull", "critical");
        await RunUntilAsync(M(16));
        var notified = _history.Query(new HistoryQuery { Filter = e => e.Kind == HistoryEventKind.Notified });
        Assert.Equal([("secondary", "webhook", "firing (escalation step 1)"), ("primary", "webhook", "firing")], notified.Select(e => (e.Receiver!, e.Integration!, e.Detail!)));
        Assert.All(notified, e => Assert.Equal(GroupId.Of(GroupKeyOf("DiskFull", "critical")), e.GroupId));
    }

    [Fact]
    public async Task A_silence_notice_is_delivered_once_even_when_sent_again()
    {
        var alert = Fire("DiskFull", "critical");
        var notice = new SilenceNotice
        {
            Receiver = "team",
            Kind = SilenceEventKind.Created,
            Silence = new Silence { Id = "s-1", Matchers = MatcherParser.Parse("alertname=\"DiskFull\""), StartsAt = _time.UtcNow, EndsAt = _time.UtcNow.AddHours(1), CreatedBy = "alice", Comment = "maintenance" },
            Alerts = [alert],
            Labels = LabelSet.FromPairs("alertname", "DiskFull"),
            At = _time.UtcNow,
        };
        Assert.True(await _pipeline!.NotifySilenceAsync(notice, CancellationToken.None));
        Restart();
        Assert.True(await _pipeline!.NotifySilenceAsync(notice, CancellationToken.None));
        Assert.Empty(_receivers["team"].Sent);
        var recorded = _history.Query(new HistoryQuery())[0];
        Assert.Equal((HistoryEventKind.SilenceCreated, "team", "webhook"), (recorded.Kind, recorded.Receiver, recorded.Integration));
    }
}
