using Argus.Alerting.Alerts;
using Argus.Alerting.Config;
using Argus.Alerting.Dispatch;
using Argus.Alerting.Inhibit;
using Argus.Alerting.Matchers;
using Argus.Alerting.NotificationLog;
using Argus.Alerting.Silences;
using Argus.Alerting.Tests;
using Argus.Instrumentation.Metrics;
using Argus.Model.Labels;
using Argus.Notify.Pipeline;
using Argus.Templates.Alertmanager;

namespace Argus.Notify.Tests.Pipeline;

public sealed class NotificationPipelineTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero); // a Monday

    private const string Config = """
        route:
          receiver: team
          group_by: [alertname]
          group_wait: 30s
          group_interval: 5m
          repeat_interval: 1h
          routes:
            - matchers: ['env="lab"']
              receiver: team
              mute_time_intervals: [monday]
        inhibit_rules:
          - source_matchers: ['severity="critical"']
            target_matchers: ['severity="warning"']
            equal: [alertname]
        time_intervals:
          - name: monday
            time_intervals: [{weekdays: [monday]}]
        receivers:
          - name: team
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "argus-pipeline-" + Guid.NewGuid().ToString("n"));
    private readonly ManualTimeProvider _time = new(Start);
    private readonly AlertStore _store = new();
    private readonly SilenceStore _silences;
    private readonly MetricsRegistry _registry = new();
    private readonly NotificationMetrics _metrics;
    private readonly AlertmanagerConfig _config = AlertmanagerConfigLoader.Load(Config, "alertmanager.yml");
    private Alerting.NotificationLog.NotificationLog _log;
    private Dispatcher? _dispatcher;
    private Inhibitor? _inhibitor;
    private int _maxSendsInFlight = 128;

    public NotificationPipelineTests()
    {
        _silences = SilenceStore.Open(new SilenceStoreOptions { UtcNow = () => _time.UtcNow });
        _metrics = new NotificationMetrics(_registry);
        _log = OpenLog();
    }

    public void Dispose()
    {
        _dispatcher?.Dispose();
        _inhibitor?.Dispose();
        _log.Dispose();
        _silences.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Alerting.NotificationLog.NotificationLog OpenLog() =>
        Alerting.NotificationLog.NotificationLog.Open(new NotificationLogOptions { Directory = _directory, Time = _time });

    /// <summary>Builds pipeline and dispatcher as the composition root does, with the given integrations for the receiver.</summary>
    private void Start_(params INotifier[] notifiers)
    {
        _dispatcher?.Dispose();
        _inhibitor?.Dispose();
        _inhibitor = Inhibitor.Follow(_config.InhibitRules, _store);
        var pipeline = new NotificationPipeline(new NotificationPipelineOptions
        {
            Config = _config,
            Integrations = _ => notifiers,
            Silences = _silences,
            Inhibitor = _inhibitor,
            NotificationLog = _log,
            Templates = AlertmanagerTemplates.Create([]),
            ExternalUrl = new Uri("http://am.example:9093/"),
            Metrics = _metrics,
            Time = _time,
            MaxSendsInFlight = _maxSendsInFlight,
        });
        _dispatcher = new Dispatcher(_store, _config.Route, pipeline.Handler, _time);
    }

    private Alert Fire(params string[] labels)
    {
        var now = _time.UtcNow;
        return _store.Put(new Alert(LabelSet.FromPairs(labels), LabelSet.Empty, now, now.AddDays(2), now, "", false), now);
    }

    private void Resolve(Alert alert)
    {
        var now = _time.UtcNow;
        _store.Put(new Alert(alert.Labels, alert.Annotations, alert.StartsAt, now, now, "", false), now);
    }

    private Task FlushAfterAsync(TimeSpan wait)
    {
        _time.Advance(wait);
        return _dispatcher!.FlushDueAsync(CancellationToken.None);
    }

    private double Counter(string name) =>
        ((CounterFamily)_registry.Find(name)!).WithLabels("webhook").Value;

    [Fact]
    public async Task An_integration_sends_at_most_MaxSendsInFlight_notifications_at_a_time_and_the_rest_wait_their_turn()
    {
        var webhook = new BlockingNotifier("webhook");
        _maxSendsInFlight = 2;
        Start_(webhook);
        for (var i = 0; i < 5; i++)
        {
            Fire("alertname", "A" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var flushing = FlushAfterAsync(TimeSpan.FromSeconds(30));
        // Five groups flush together (started one after the other on this thread, each up to its first wait).
        Assert.Equal(2, webhook.InFlight);
        webhook.Open();
        await flushing;

        Assert.Equal(5, webhook.Delivered);
        Assert.Equal(2, webhook.MaxInFlight);
        Assert.Equal(5, Counter("alertmanager_notification_requests_total"));
        Assert.Equal(0, Counter("alertmanager_notification_requests_failed_total"));
    }

    [Fact]
    public async Task An_unchanged_group_is_notified_again_only_after_repeat_interval()
    {
        var webhook = new RecordingNotifier("webhook", sendResolved: true);
        Start_(webhook);
        Fire("alertname", "A");
        await FlushAfterAsync(TimeSpan.FromSeconds(30));
        Assert.Single(webhook.Sent);
        for (var i = 0; i < 11; i++)
        {
            await FlushAfterAsync(TimeSpan.FromMinutes(5));
        }
        Assert.Single(webhook.Sent);
        await FlushAfterAsync(TimeSpan.FromMinutes(5)); // 60m after the first notification
        Assert.Equal(2, webhook.Sent.Count);
        Assert.Equal(2, Counter("alertmanager_notifications_total"));
    }

    [Fact]
    public async Task A_newly_firing_alert_is_notified_at_the_next_group_interval()
    {
        var webhook = new RecordingNotifier("webhook", sendResolved: true);
        Start_(webhook);
        Fire("alertname", "A", "instance", "1");
        await FlushAfterAsync(TimeSpan.FromSeconds(30));
        Fire("alertname", "A", "instance", "2");
        await FlushAfterAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(2, webhook.Sent.Count);
        Assert.Equal(2, webhook.Sent[1].Alerts.Count);
        Assert.Equal("{}:{alertname=\"A\"}", webhook.Sent[1].GroupKey);
        Assert.Equal(LabelSet.FromPairs("alertname", "A"), webhook.Sent[1].GroupLabels);
    }

    [Fact]
    public async Task Resolved_alerts_go_only_to_integrations_that_send_them()
    {
        var withResolved = new RecordingNotifier("webhook", sendResolved: true);
        var withoutResolved = new RecordingNotifier("email", sendResolved: false);
        Start_(withResolved, withoutResolved);
        var a = Fire("alertname", "A", "instance", "1");
        Fire("alertname", "A", "instance", "2");
        await FlushAfterAsync(TimeSpan.FromSeconds(30));
        Resolve(a);
        await FlushAfterAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(2, withResolved.Sent.Count);
        Assert.Single(withResolved.Sent[1].Alerts, x => x.IsResolved(_time.UtcNow));
        Assert.Single(withoutResolved.Sent);
    }

    [Fact]
    public async Task Silenced_and_inhibited_alerts_are_left_out()
    {
        var webhook = new RecordingNotifier("webhook", sendResolved: true);
        Start_(webhook);
        _silences.Set(new Silence { Matchers = MatcherParser.Parse("instance=\"quiet\""), StartsAt = _time.UtcNow, EndsAt = _time.UtcNow.AddHours(1), CreatedBy = "t", Comment = "c" });
        Fire("alertname", "A", "instance", "quiet");
        Fire("alertname", "A", "instance", "loud", "severity", "warning");
        Fire("alertname", "A", "instance", "source", "severity", "critical");
        await FlushAfterAsync(TimeSpan.FromSeconds(30));
        var sent = Assert.Single(webhook.Sent);
        Assert.Equal("source", Assert.Single(sent.Alerts).Labels.Get("instance"));
    }

    [Fact]
    public async Task A_mute_time_interval_holds_back_notifications_of_its_route()
    {
        var webhook = new RecordingNotifier("webhook", sendResolved: true);
        Start_(webhook);
        Fire("alertname", "Lab", "env", "lab");
        await FlushAfterAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(webhook.Sent);
        await FlushAfterAsync(TimeSpan.FromHours(12)); // Tuesday 00:00:30
        Assert.Single(webhook.Sent);
    }

    [Fact]
    public async Task A_restart_does_not_send_again_what_was_delivered()
    {
        var before = new RecordingNotifier("webhook", sendResolved: true);
        Start_(before);
        Fire("alertname", "A");
        await FlushAfterAsync(TimeSpan.FromSeconds(30));
        Assert.Single(before.Sent);

        _log.Dispose();
        _log = OpenLog();
        var after = new RecordingNotifier("webhook", sendResolved: true);
        Start_(after);
        await FlushAfterAsync(TimeSpan.FromMinutes(1));
        await FlushAfterAsync(TimeSpan.FromMinutes(5));
        Assert.Empty(after.Sent);
    }

    [Fact]
    public async Task A_retryable_failure_is_retried_with_backoff_until_it_succeeds()
    {
        var webhook = new RecordingNotifier("webhook", sendResolved: true);
        webhook.FailNext(new NotifyException("503", retryable: true), new NotifyException("503", retryable: true));
        Start_(webhook);
        Fire("alertname", "A");
        _time.Advance(TimeSpan.FromSeconds(30));
        var flush = _dispatcher!.FlushDueAsync(CancellationToken.None);
        while (!flush.IsCompleted)
        {
            // Each retry waits on a timer of the clock; move the clock once the pipeline is waiting.
            await _time.TimerCreated.WaitAsync(TimeSpan.FromSeconds(30));
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        await flush;
        Assert.Equal(3, webhook.Attempts);
        Assert.Single(webhook.Sent);
        Assert.Equal(3, ((CounterFamily)_registry.Find("alertmanager_notification_requests_total")!).WithLabels("webhook").Value);
        Assert.Equal(0, Counter("alertmanager_notifications_failed_total"));
    }

    [Fact]
    public async Task A_permanent_failure_is_not_retried_and_not_logged_so_the_next_flush_tries_again()
    {
        var webhook = new RecordingNotifier("webhook", sendResolved: true);
        webhook.FailNext(new NotifyException("400", retryable: false));
        Start_(webhook);
        Fire("alertname", "A");
        await FlushAfterAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, webhook.Attempts);
        Assert.Equal(1, Counter("alertmanager_notifications_failed_total"));
        await FlushAfterAsync(TimeSpan.FromMinutes(5));
        Assert.Single(webhook.Sent);
    }

    [Theory]
    [InlineData("none", "1", "", false, 0, true)]
    [InlineData("none", "", "1", false, 0, false)]
    [InlineData("1", "1,2", "", false, 0, true)]
    [InlineData("1,2", "1", "2", false, 0, false)]
    [InlineData("1,2", "1", "2", true, 0, true)]
    [InlineData("1", "", "1", false, 0, true)]
    [InlineData("", "", "1", true, 0, false)]
    [InlineData("1", "1", "", false, 61, true)]
    public void Deduplication_follows_alertmanagers_rules(string logged, string firing, string resolved, bool sendResolved, int minutesLater, bool expected)
    {
        static HashSet<ulong> Set(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ulong.Parse).ToHashSet();
        var now = Start.UtcDateTime;
        var entry = logged == "none" ? null : new NotificationLogEntry
        {
            Key = new NotificationLogKey("r", "webhook", 0, "g"),
            FiringAlerts = [.. Set(logged)],
            ResolvedAlerts = [],
            Timestamp = now,
            ExpiresAt = now.AddDays(1),
        };
        Assert.Equal(expected, NotificationPipeline.NeedsUpdate(entry, Set(firing), Set(resolved), sendResolved, TimeSpan.FromHours(1), now.AddMinutes(minutesLater)));
    }
}
