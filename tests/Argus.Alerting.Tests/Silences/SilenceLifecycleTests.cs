using Argus.Alerting.Alerts;
using Argus.Alerting.Config;
using Argus.Alerting.History;
using Argus.Alerting.Matchers;
using Argus.Alerting.Routing;
using Argus.Alerting.Silences;
using Argus.Model.Labels;

namespace Argus.Alerting.Tests.Silences;

public sealed class SilenceLifecycleTests : IDisposable
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SilenceStore _silences;
    private readonly HistoryLog _history;
    private readonly AlertStore _alerts = new();
    private readonly List<SilenceNotice> _notices = [];
    private readonly SilenceLifecycle _lifecycle;
    private readonly Route _route = AlertmanagerConfigLoader.Load("""
        route:
          receiver: default
          routes:
            - matchers: ['team="db"']
              receiver: db-pager
              silence_notifications:
                receiver: db-chat
                expiring_before: 30m
            - matchers: ['team="web"']
              receiver: web
              silence_notifications: {events: [expired]}
        receivers: [{name: default}, {name: db-pager}, {name: db-chat}, {name: web}]
        """, "am.yml").Route;

    public SilenceLifecycleTests()
    {
        _silences = SilenceStore.Open(new SilenceStoreOptions { UtcNow = () => _time.UtcNow });
        _history = HistoryLog.Open(new HistoryLogOptions { Time = _time });
        _lifecycle = new SilenceLifecycle(_silences, _history, _time.UtcNow);
        _silences.Changed += change => _notices.AddRange(_lifecycle.OnChange(change, _route, _alerts.List(), _time.UtcNow));
    }

    public void Dispose()
    {
        _history.Dispose();
        _silences.Dispose();
    }

    private Alert Fire(params string[] labels)
    {
        var now = _time.UtcNow;
        return _alerts.Put(new Alert(LabelSet.FromPairs(labels), LabelSet.Empty, now, now.AddHours(10), now, "", false), now);
    }

    private void Resolve(Alert alert)
    {
        var now = _time.UtcNow;
        _alerts.Put(new Alert(alert.Labels, alert.Annotations, alert.StartsAt, now, now, "", false), now);
    }

    private string Silence(string matchers, TimeSpan lasts, string comment = "maintenance", bool expireOnResolve = false) => _silences.Set(new Silence
    {
        Matchers = MatcherParser.Parse(matchers),
        StartsAt = _time.UtcNow,
        EndsAt = _time.UtcNow + lasts,
        CreatedBy = "alice",
        Comment = comment,
        ExpireOnResolve = expireOnResolve,
    });

    private void Sweep() => _notices.AddRange(_lifecycle.Sweep(_route, _alerts.List(), _time.UtcNow));

    private List<(SilenceEventKind, string)> Notices() => _notices.Select(n => (n.Kind, n.Receiver)).ToList();

    private List<(HistoryEventKind, string?)> History() =>
        _history.Query(new HistoryQuery()).AsEnumerable().Reverse().Select(e => (e.Kind, e.Receiver)).ToList();

    [Fact]
    public void A_created_silence_is_told_to_the_subscribers_of_the_routes_whose_alerts_it_covers()
    {
        Fire("alertname", "DiskFull", "team", "db", "instance", "1");
        Fire("alertname", "DiskFull", "team", "db", "instance", "2");
        Fire("alertname", "DiskFull", "team", "web");
        var id = Silence("alertname=\"DiskFull\"", TimeSpan.FromHours(2));
        // web subscribes to expiry only; the root route has no subscription.
        var notice = Assert.Single(_notices);
        Assert.Equal((SilenceEventKind.Created, "db-chat"), (notice.Kind, notice.Receiver));
        Assert.Equal(["1", "2"], notice.Alerts.Select(a => a.Labels.Get("instance")));
        Assert.Equal($"silence/{id}/created", notice.Key);
        Assert.Equal(LabelSet.FromPairs("alertname", "DiskFull"), notice.Labels);
        var created = Assert.Single(_history.Query(new HistoryQuery()));
        Assert.Equal((HistoryEventKind.SilenceCreated, "alice"), (created.Kind, created.By));
        Assert.Equal(LabelSet.FromPairs("alertname", "DiskFull"), created.Labels);
        Assert.Contains(id, created.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_silence_covering_no_subscribed_alert_tells_nobody()
    {
        Fire("alertname", "DiskFull", "team", "other");
        Silence("alertname=\"DiskFull\"", TimeSpan.FromHours(2));
        Assert.Empty(_notices);
        Assert.Equal([(HistoryEventKind.SilenceCreated, null)], History());
    }

    [Fact]
    public void Expiring_is_told_once_when_the_window_opens_and_expired_when_the_end_passes()
    {
        Fire("alertname", "DiskFull", "team", "db");
        Fire("alertname", "DiskFull", "team", "web");
        var id = Silence("alertname=\"DiskFull\"", TimeSpan.FromHours(2));
        _notices.Clear();
        _time.Advance(TimeSpan.FromMinutes(89));
        Sweep();
        Assert.Empty(_notices);
        _time.Advance(TimeSpan.FromMinutes(1));
        Sweep();
        Sweep();
        Assert.Equal([(SilenceEventKind.Expiring, "db-chat")], Notices());
        Assert.StartsWith($"silence/{id}/expiring/", _notices[0].Key, StringComparison.Ordinal);
        _notices.Clear();
        _time.Advance(TimeSpan.FromMinutes(31));
        Sweep();
        Sweep();
        Assert.Equal([(SilenceEventKind.Expired, "db-chat"), (SilenceEventKind.Expired, "web")], Notices());
        Assert.Equal(
            [(HistoryEventKind.SilenceCreated, null), (HistoryEventKind.SilenceExpiring, "db-chat"), (HistoryEventKind.SilenceExpired, null)],
            History());
        Assert.Equal(_time.UtcNow.AddMinutes(-1), _history.Query(new HistoryQuery())[0].At);
    }

    [Fact]
    public void A_silence_shorter_than_the_warning_window_gets_no_expiring_notice()
    {
        Fire("alertname", "DiskFull", "team", "db");
        Silence("alertname=\"DiskFull\"", TimeSpan.FromMinutes(20));
        _notices.Clear();
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(5));
            Sweep();
        }
        Assert.Empty(_notices);
    }

    [Fact]
    public void Expiring_a_silence_through_the_api_is_told_and_recorded_once()
    {
        Fire("alertname", "DiskFull", "team", "web");
        var id = Silence("alertname=\"DiskFull\"", TimeSpan.FromHours(2));
        _time.Advance(TimeSpan.FromMinutes(5));
        _silences.Expire(id);
        Sweep();
        _time.Advance(TimeSpan.FromMinutes(5));
        Sweep();
        Assert.Equal([(SilenceEventKind.Expired, "web")], Notices());
        Assert.Equal([(HistoryEventKind.SilenceCreated, null), (HistoryEventKind.SilenceExpired, null)], History());
    }

    [Fact]
    public void An_expire_on_resolve_silence_ends_when_every_alert_it_matches_has_resolved()
    {
        var a = Fire("alertname", "Deploy", "team", "web", "instance", "1");
        var b = Fire("alertname", "Deploy", "team", "web", "instance", "2");
        var id = Silence("alertname=\"Deploy\"", TimeSpan.FromHours(6), comment: "rollout [expire-on-resolve]");
        Resolve(a);
        Sweep();
        Assert.Equal(SilenceState.Active, _silences.Get(id)!.StateAt(_time.UtcNow));
        _time.Advance(TimeSpan.FromMinutes(1));
        Resolve(b);
        Sweep();
        Assert.Equal(SilenceState.Expired, _silences.Get(id)!.StateAt(_time.UtcNow));
        Assert.Equal([(SilenceEventKind.Expired, "web")], Notices());
        Assert.Contains("(all matched alerts resolved)", _history.Query(new HistoryQuery())[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expire_on_resolve_silence_that_matches_nothing_yet_stays()
    {
        var id = Silence("alertname=\"Later\"", TimeSpan.FromHours(6), expireOnResolve: true);
        Sweep();
        Assert.Equal(SilenceState.Active, _silences.Get(id)!.StateAt(_time.UtcNow));
    }

    [Fact]
    public void Acknowledgement_silences_send_no_silence_notices()
    {
        Fire("alertname", "DiskFull", "team", "db");
        Silence("alertname=\"DiskFull\"", TimeSpan.FromHours(2), comment: "ack: on it");
        _time.Advance(TimeSpan.FromHours(3));
        Sweep();
        Assert.Empty(_notices);
    }
}
