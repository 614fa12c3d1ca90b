using Argus.Alerting.Alerts;
using Argus.Alerting.History;
using Argus.Model.Labels;

namespace Argus.Alerting.Tests.History;

public sealed class HistoryLogTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "argus-history-" + Guid.NewGuid().ToString("n"));
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private HistoryLog Open(TimeSpan? retention = null, long maxBytes = HistoryLogOptions.DefaultMaxBytes, bool persistent = true) => HistoryLog.Open(new HistoryLogOptions
    {
        Directory = persistent ? _directory : null,
        Retention = retention ?? HistoryLogOptions.DefaultRetention,
        MaxBytes = maxBytes,
        Time = _time,
    });

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private HistoryEvent Event(HistoryEventKind kind, params string[] labels)
    {
        var set = LabelSet.FromPairs(labels);
        return new HistoryEvent { At = _time.UtcNow, Kind = kind, Fingerprint = AlertFingerprint.Compute(set), Labels = set };
    }

    [Fact]
    public void Queries_answer_newest_first_within_the_time_range_filtered_and_limited()
    {
        using var history = Open(persistent: false);
        var start = _time.UtcNow;
        for (var i = 0; i < 10; i++)
        {
            history.Record(Event(HistoryEventKind.Firing, "alertname", i % 2 == 0 ? "Even" : "Odd", "n", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            _time.Advance(TimeSpan.FromMinutes(1));
        }
        var all = history.Query(new HistoryQuery());
        Assert.Equal(Enumerable.Range(0, 10).Reverse().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), all.Select(e => e.Labels.Get("n")));
        Assert.Equal(Enumerable.Range(1, 10).Reverse().Select(i => (long)i), all.Select(e => e.Sequence));

        var range = history.Query(new HistoryQuery { Start = start.AddMinutes(3), End = start.AddMinutes(6) });
        Assert.Equal(["6", "5", "4", "3"], range.Select(e => e.Labels.Get("n")));

        var odd = history.Query(new HistoryQuery { Filter = e => e.Labels.Get("alertname") == "Odd", Limit = 2 });
        Assert.Equal(["9", "7"], odd.Select(e => e.Labels.Get("n")));
        Assert.Empty(history.Query(new HistoryQuery { Limit = 0 }));
    }

    [Fact]
    public void Events_older_than_the_retention_are_dropped()
    {
        using var history = Open(retention: TimeSpan.FromHours(1), persistent: false);
        history.Record(Event(HistoryEventKind.Firing, "alertname", "Old"));
        _time.Advance(TimeSpan.FromMinutes(50));
        history.Record(Event(HistoryEventKind.Firing, "alertname", "New"));
        _time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(1, history.Maintain());
        Assert.Equal("New", Assert.Single(history.Query(new HistoryQuery())).Labels.Get("alertname"));
    }

    [Fact]
    public void The_size_bound_drops_the_oldest_events_first()
    {
        using var history = Open(maxBytes: 2_000, persistent: false);
        for (var i = 0; i < 100; i++)
        {
            history.Record(Event(HistoryEventKind.Notified, "alertname", "A", "n", i.ToString(System.Globalization.CultureInfo.InvariantCulture)) with { Receiver = "team", Integration = "webhook" });
        }
        Assert.InRange(history.Bytes, 1, 2_000);
        var kept = history.Query(new HistoryQuery());
        Assert.True(kept.Count is > 10 and < 100, $"kept {kept.Count}");
        Assert.Equal("99", kept[0].Labels.Get("n"));
        Assert.Equal(kept.Count, history.Count);
        // The kept events are the newest, without gaps.
        Assert.Equal(Enumerable.Range(100 - kept.Count, kept.Count).Reverse().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), kept.Select(e => e.Labels.Get("n")));
    }

    [Fact]
    public void Events_survive_reopening_with_every_field_and_numbering_continues()
    {
        using (var history = Open())
        {
            history.Record(Event(HistoryEventKind.Acknowledged, "alertname", "A") with { GroupId = "0123456789abcdef", By = "alice", Detail = "on it" });
            history.Record(Event(HistoryEventKind.Notified, "alertname", "A") with { Receiver = "oncall", Integration = "webhook", Detail = "firing (escalation step 1)" });
        }
        using var reopened = Open();
        var events = reopened.Query(new HistoryQuery());
        Assert.Equal(2, events.Count);
        Assert.Equal(HistoryEventKind.Notified, events[0].Kind);
        Assert.Equal(("oncall", "webhook", "firing (escalation step 1)"), (events[0].Receiver, events[0].Integration, events[0].Detail));
        Assert.Equal(("0123456789abcdef", "alice", "on it"), (events[1].GroupId, events[1].By, events[1].Detail));
        Assert.Null(events[1].Receiver);
        Assert.Equal(LabelSet.FromPairs("alertname", "A"), events[1].Labels);
        Assert.Equal(_time.UtcNow, events[1].At);
        Assert.Equal(3, reopened.Record(Event(HistoryEventKind.Resolved, "alertname", "A")).Sequence);
    }

    [Fact]
    public async Task Long_and_non_ascii_strings_and_events_recorded_asynchronously_read_back_unchanged()
    {
        var detail = new string('x', 200) + " déjà 日本 😀 " + new string('y', 20_000);
        var history = Open();
        history.Record(Event(HistoryEventKind.Firing, "alertname", "Ünïcode", "long", new string('z', 130)) with { Detail = detail, By = "" });
        await history.RecordAsync([Event(HistoryEventKind.Notified, "alertname", "B") with { Receiver = "team", Integration = "webhook", Detail = "firing" }]);

        // Not closed: what a killed process leaves.
        using var reopened = Open();
        var events = reopened.Query(new HistoryQuery());
        Assert.Equal([2L, 1L], events.Select(e => e.Sequence));
        Assert.Equal(("team", "webhook", "firing"), (events[0].Receiver, events[0].Integration, events[0].Detail));
        Assert.Equal(detail, events[1].Detail);
        Assert.Equal("", events[1].By);
        Assert.Null(events[1].GroupId);
        Assert.Equal(LabelSet.FromPairs("alertname", "Ünïcode", "long", new string('z', 130)), events[1].Labels);
        history.Dispose();
    }

    [Fact]
    public void A_process_killed_without_closing_the_history_loses_nothing_recorded()
    {
        // Recording hands each event to the operating system at once; the second instance reads the files while the
        // first is still open, as a restart after kill -9 would.
        using var first = Open();
        first.Record(Event(HistoryEventKind.Firing, "alertname", "A"));
        first.Record(Event(HistoryEventKind.Silenced, "alertname", "A") with { By = "bob" });
        using var second = HistoryLog.Open(new HistoryLogOptions { Directory = _directory, Time = _time });
        Assert.Equal([HistoryEventKind.Silenced, HistoryEventKind.Firing], second.Query(new HistoryQuery()).Select(e => e.Kind));
    }

    [Fact]
    public void A_torn_tail_is_cut_and_a_snapshot_keeps_only_what_is_retained()
    {
        using (var history = Open(retention: TimeSpan.FromHours(1)))
        {
            history.Record(Event(HistoryEventKind.Firing, "alertname", "Old"));
            _time.Advance(TimeSpan.FromHours(2));
            history.Record(Event(HistoryEventKind.Firing, "alertname", "New"));
            history.Maintain();
            history.Record(Event(HistoryEventKind.Resolved, "alertname", "New"));
        }
        var log = Path.Combine(_directory, "history.log");
        File.WriteAllBytes(log, [.. File.ReadAllBytes(log), 42, 0, 0, 0, 1, 2, 3]);
        using var reopened = Open(retention: TimeSpan.FromHours(1));
        Assert.Equal([HistoryEventKind.Resolved, HistoryEventKind.Firing], reopened.Query(new HistoryQuery()).Select(e => e.Kind));
        Assert.All(reopened.Query(new HistoryQuery()), e => Assert.Equal("New", e.Labels.Get("alertname")));
    }

    [Fact]
    public void Bounds_must_be_positive()
    {
        Assert.Throws<ArgumentException>(() => Open(retention: TimeSpan.Zero, persistent: false));
        Assert.Throws<ArgumentException>(() => Open(maxBytes: 0, persistent: false));
    }

    [Fact]
    public void Every_kind_has_its_api_name()
    {
        var names = Enum.GetValues<HistoryEventKind>().Select(HistoryEventKinds.Name).ToList();
        Assert.Equal(
            ["firing", "resolved", "silenced", "unsilenced", "inhibited", "uninhibited", "acknowledged", "unacknowledged", "escalated", "notified", "silence_created", "silence_expiring", "silence_expired"],
            names);
        // Persisted values never change.
        Assert.Equal(1, (byte)HistoryEventKind.Firing);
        Assert.Equal(13, (byte)HistoryEventKind.SilenceExpired);
    }
}
