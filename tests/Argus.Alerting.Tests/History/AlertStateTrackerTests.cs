using Argus.Alerting.Alerts;
using Argus.Alerting.History;
using Argus.Alerting.Inhibit;
using Argus.Alerting.Matchers;
using Argus.Alerting.Silences;
using Argus.Model.Labels;

namespace Argus.Alerting.Tests.History;

public sealed class AlertStateTrackerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "argus-tracker-" + Guid.NewGuid().ToString("n"));
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly AlertStore _store = new();
    private readonly SilenceStore _silences;
    private HistoryLog _history;

    public AlertStateTrackerTests()
    {
        _silences = SilenceStore.Open(new SilenceStoreOptions { UtcNow = () => _time.UtcNow });
        _history = OpenHistory();
    }

    private HistoryLog OpenHistory() => HistoryLog.Open(new HistoryLogOptions { Directory = _directory, Time = _time });

    public void Dispose()
    {
        _history.Dispose();
        _silences.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private AlertStateTracker Track()
    {
        var tracker = new AlertStateTracker(_history, _silences);
        _store.Stored += a => tracker.Observe(a, _time.UtcNow);
        return tracker;
    }

    private Alert Fire(params string[] labels)
    {
        var now = _time.UtcNow;
        return _store.Put(new Alert(LabelSet.FromPairs(labels), LabelSet.Empty, now, now.AddMinutes(5), now, "", timeout: true), now);
    }

    private List<(HistoryEventKind Kind, string Name)> Events() =>
        _history.Query(new HistoryQuery()).AsEnumerable().Reverse().Select(e => (e.Kind, e.Labels.Get("alertname"))).ToList();

    [Fact]
    public void The_alerts_of_one_post_are_recorded_together_and_a_re_send_among_them_records_nothing()
    {
        var tracker = new AlertStateTracker(_history, _silences);
        _store.StoredBatch += alerts => tracker.ObserveAll(alerts, _time.UtcNow);
        var now = _time.UtcNow;
        Alert Firing(string name) => new(LabelSet.FromPairs("alertname", name), LabelSet.Empty, now, now.AddMinutes(5), now, "", timeout: true);
        Alert Resolved(string name) => new(LabelSet.FromPairs("alertname", name), LabelSet.Empty, now.AddMinutes(-5), now.AddSeconds(-1), now, "", timeout: false);

        _store.PutAll([Firing("A"), Firing("B"), Firing("A")], now);
        _time.Advance(TimeSpan.FromSeconds(1));
        _store.PutAll([Firing("B"), Resolved("A"), Firing("C")], _time.UtcNow);

        Assert.Equal([(HistoryEventKind.Firing, "A"), (HistoryEventKind.Firing, "B"), (HistoryEventKind.Resolved, "A"), (HistoryEventKind.Firing, "C")], Events());
        var sequences = _history.Query(new HistoryQuery()).Select(e => e.Sequence).Reverse().ToList();
        Assert.Equal([1L, 2L, 3L, 4L], sequences);
    }

    [Fact]
    public void Firing_is_recorded_once_however_often_the_alert_is_re_sent_and_resolution_when_its_end_passes()
    {
        var tracker = Track();
        Fire("alertname", "A");
        _time.Advance(TimeSpan.FromMinutes(1));
        Fire("alertname", "A");
        tracker.Sweep(_store.List(), _time.UtcNow);
        Assert.Equal([(HistoryEventKind.Firing, "A")], Events());
        // Not re-sent: the end derived from resolve_timeout passes.
        _time.Advance(TimeSpan.FromMinutes(10));
        tracker.Sweep(_store.List(), _time.UtcNow);
        tracker.Sweep(_store.List(), _time.UtcNow);
        Assert.Equal([(HistoryEventKind.Firing, "A"), (HistoryEventKind.Resolved, "A")], Events());
        // It fires again.
        Fire("alertname", "A");
        Assert.Equal(HistoryEventKind.Firing, Events()[^1].Kind);
    }

    [Fact]
    public void Silencing_and_inhibition_are_recorded_as_they_begin_and_end()
    {
        var tracker = Track();
        var rule = new InhibitRule(null, MatcherParser.Parse("severity=\"critical\""), MatcherParser.Parse("severity=\"warning\""), ["cluster"]);
        using var inhibitor = Inhibitor.Follow([rule], _store);
        tracker.InhibitedBy = inhibitor.InhibitedBy;
        Fire("alertname", "Warn", "severity", "warning", "cluster", "eu");
        var id = _silences.Set(new Silence
        {
            Matchers = MatcherParser.Parse("alertname=\"Warn\""),
            StartsAt = _time.UtcNow,
            EndsAt = _time.UtcNow.AddMinutes(30),
            CreatedBy = "alice",
            Comment = "deploy",
        });
        tracker.Sweep(_store.List(), _time.UtcNow);
        var silenced = _history.Query(new HistoryQuery())[0];
        Assert.Equal(HistoryEventKind.Silenced, silenced.Kind);
        Assert.Equal("alice", silenced.By);
        Assert.Equal("silence " + id, silenced.Detail);

        var source = Fire("alertname", "Down", "severity", "critical", "cluster", "eu");
        tracker.Sweep(_store.List(), _time.UtcNow);
        var inhibited = _history.Query(new HistoryQuery())[0];
        Assert.Equal((HistoryEventKind.Inhibited, "Warn"), (inhibited.Kind, inhibited.Labels.Get("alertname")));
        Assert.Equal("inhibited by " + AlertFingerprint.Format(source.Fingerprint), inhibited.Detail);

        _silences.Expire(id);
        tracker.Sweep(_store.List(), _time.UtcNow);
        Assert.Equal((HistoryEventKind.Unsilenced, "Warn"), Events()[^1]);
        var count = Events().Count;
        tracker.Sweep(_store.List(), _time.UtcNow);
        Assert.Equal(count, Events().Count);
    }

    [Fact]
    public void After_a_restart_re_sent_alerts_are_not_recorded_again()
    {
        var tracker = Track();
        Fire("alertname", "A");
        Fire("alertname", "B");
        tracker.Sweep(_store.List(), _time.UtcNow);
        Assert.Equal(2, Events().Count);

        // Restart: a new store (alerts are not persisted), the history reopened, the sender re-sends A only.
        _history.Dispose();
        _history = OpenHistory();
        var restartedStore = new AlertStore();
        var restarted = new AlertStateTracker(_history, _silences);
        restartedStore.Stored += a => restarted.Observe(a, _time.UtcNow);
        _time.Advance(TimeSpan.FromSeconds(30));
        var now = _time.UtcNow;
        restartedStore.Put(new Alert(LabelSet.FromPairs("alertname", "A"), LabelSet.Empty, now, now.AddMinutes(5), now, "", true), now);
        restarted.Sweep(restartedStore.List(), now);
        Assert.Equal(2, Events().Count);
    }
}
