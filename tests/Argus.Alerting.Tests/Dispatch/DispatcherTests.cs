using Argus.Alerting.Alerts;
using Argus.Alerting.Config;
using Argus.Alerting.Dispatch;
using Argus.Model.Labels;

namespace Argus.Alerting.Tests.Dispatch;

public sealed class DispatcherTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private const string Config = """
        route:
          receiver: default
          group_by: [alertname]
          group_wait: 30s
          group_interval: 5m
          repeat_interval: 4h
          routes:
            - matchers: ['team="db"']
              receiver: db
              group_by: ['...']
              continue: true
            - matchers: ['team="db"']
              receiver: db-pager
        receivers:
          - name: default
          - name: db
          - name: db-pager
        """;

    private sealed class Harness : IDisposable
    {
        public ManualTimeProvider Time { get; } = new(Start);

        public AlertStore Store { get; } = new();

        public List<GroupNotification> Flushes { get; } = [];

        public bool Succeed { get; set; } = true;

        public Dispatcher Dispatcher { get; }

        public Harness(string config = Config)
        {
            var route = AlertmanagerConfigLoader.Load(config, "alertmanager.yml").Route;
            Dispatcher = new Dispatcher(Store, route, (n, _) =>
            {
                Flushes.Add(n);
                return Task.FromResult(Succeed);
            }, Time);
        }

        public Alert Fire(string alertname, string? team = null, DateTime? startsAt = null, TimeSpan? lasts = null)
        {
            var labels = team is null ? LabelSet.FromPairs("alertname", alertname) : LabelSet.FromPairs("alertname", alertname, "team", team);
            var now = Time.UtcNow;
            return Store.Put(new Alert(labels, LabelSet.Empty, startsAt ?? now, now + (lasts ?? TimeSpan.FromHours(1)), now, "", false), now);
        }

        public Alert Resolve(Alert alert)
        {
            var now = Time.UtcNow;
            return Store.Put(new Alert(alert.Labels, alert.Annotations, alert.StartsAt, now, now, "", false), now);
        }

        public List<GroupNotification> FlushAfter(TimeSpan wait)
        {
            Time.Advance(wait);
            Flushes.Clear();
            Dispatcher.FlushDueAsync(CancellationToken.None).GetAwaiter().GetResult();
            return [.. Flushes];
        }

        public void Dispose() => Dispatcher.Dispose();
    }

    [Fact]
    public void Thousands_of_groups_formed_over_time_each_flush_exactly_when_due()
    {
        // The dispatcher queues groups by due time; this checks the queue against the rule itself for many groups
        // formed at different moments, including alerts re-sent into existing groups.
        using var h = new Harness();
        var formed = new Dictionary<string, DateTime>();
        for (var second = 0; second < 60; second++)
        {
            for (var i = 0; i < 50; i++)
            {
                var name = $"A{second:D2}-{i:D2}";
                h.Fire(name);
                formed.TryAdd(name, h.Time.UtcNow);
                if (second > 0)
                {
                    h.Fire($"A{second - 1:D2}-{i:D2}");
                }
            }
            var flushed = h.FlushAfter(TimeSpan.FromSeconds(1));
            var expected = formed.Where(f => f.Value + TimeSpan.FromSeconds(30) <= h.Time.UtcNow && f.Value + TimeSpan.FromSeconds(31) > h.Time.UtcNow)
                .Select(f => f.Key).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, flushed.Select(n => n.GroupLabels.Get("alertname")).Order(StringComparer.Ordinal).ToList());
        }
        Assert.Equal(3000, h.Dispatcher.GroupCount);
        // Next: the groups formed at second 31, whose group_wait ends a second from now.
        Assert.Equal(Start.UtcDateTime.AddSeconds(61), h.Dispatcher.NextFlush);
    }

    [Fact]
    public void A_new_group_flushes_after_group_wait_and_then_every_group_interval()
    {
        using var h = new Harness();
        h.Fire("HighLatency");
        Assert.Empty(h.FlushAfter(TimeSpan.FromSeconds(29)));
        var first = Assert.Single(h.FlushAfter(TimeSpan.FromSeconds(1)));
        Assert.Equal("{}:{alertname=\"HighLatency\"}", first.GroupKey);
        Assert.Equal("default", first.Route.Receiver);
        Assert.Equal(Start.UtcDateTime.AddSeconds(30).AddMinutes(5), first.Deadline);

        // A second alert of the same group joins it and waits for the next group_interval, not group_wait.
        h.Time.Advance(TimeSpan.FromSeconds(10));
        h.Fire("HighLatency", team: "web");
        Assert.Empty(h.FlushAfter(TimeSpan.FromSeconds(30)));
        var second = Assert.Single(h.FlushAfter(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(40)));
        Assert.Equal(2, second.Alerts.Count);
        Assert.Equal(["HighLatency"], second.Alerts.Select(a => a.Labels.Get("alertname")).Distinct());
    }

    [Fact]
    public void Alerts_with_different_group_labels_form_separate_groups()
    {
        using var h = new Harness();
        h.Fire("A");
        h.Fire("B");
        h.Fire("A", team: "web");
        var flushes = h.FlushAfter(TimeSpan.FromSeconds(30));
        Assert.Equal(["{}:{alertname=\"A\"}", "{}:{alertname=\"B\"}"], flushes.Select(f => f.GroupKey).Order(StringComparer.Ordinal));
        Assert.Equal(2, flushes.Single(f => f.GroupLabels.Get("alertname") == "A").Alerts.Count);
    }

    [Fact]
    public void Group_by_all_labels_and_continue_put_one_alert_into_several_groups()
    {
        using var h = new Harness();
        h.Fire("Disk", team: "db");
        h.Fire("Cpu", team: "db");
        var flushes = h.FlushAfter(TimeSpan.FromSeconds(30));
        Assert.Equal(
            [
                "db {}/{team=\"db\"}:{alertname=\"Cpu\", team=\"db\"}",
                "db {}/{team=\"db\"}:{alertname=\"Disk\", team=\"db\"}",
                "db-pager {}/{team=\"db\"}:{alertname=\"Cpu\"}",
                "db-pager {}/{team=\"db\"}:{alertname=\"Disk\"}",
            ],
            flushes.Select(f => f.Route.Receiver + " " + f.GroupKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_alert_older_than_group_wait_is_flushed_at_once()
    {
        using var h = new Harness();
        h.Fire("Old", startsAt: Start.UtcDateTime.AddMinutes(-10));
        Assert.Single(h.FlushAfter(TimeSpan.Zero));
    }

    [Fact]
    public void A_resolved_alert_leaves_the_group_once_it_was_reported()
    {
        using var h = new Harness();
        var alert = h.Fire("Gone");
        h.Fire("Gone", team: "web");
        h.FlushAfter(TimeSpan.FromSeconds(30));
        h.Resolve(alert);
        var flush = Assert.Single(h.FlushAfter(TimeSpan.FromMinutes(5)));
        Assert.Single(flush.Alerts, a => a.IsResolved(h.Time.UtcNow));
        var next = Assert.Single(h.FlushAfter(TimeSpan.FromMinutes(5)));
        Assert.Equal("web", Assert.Single(next.Alerts).Labels.Get("team"));
    }

    [Fact]
    public void A_group_of_one_alert_keeps_its_latest_instance_until_a_second_alert_joins()
    {
        using var h = new Harness();
        h.Fire("Disk", lasts: TimeSpan.FromMinutes(10));
        var latest = h.Fire("Disk", lasts: TimeSpan.FromHours(2));
        var first = Assert.Single(h.FlushAfter(TimeSpan.FromSeconds(30)));
        Assert.Same(latest, Assert.Single(first.Alerts));
        h.Fire("Disk", team: "web");
        var second = Assert.Single(h.FlushAfter(TimeSpan.FromMinutes(5)));
        Assert.Equal(["", "web"], second.Alerts.Select(a => a.Labels.Get("team")));
        Assert.Equal(second.GroupKey, first.GroupKey);
        Assert.Equal("{}:{alertname=\"Disk\"}", first.GroupKey);
    }

    [Fact]
    public void A_failed_flush_keeps_the_resolved_alert_and_an_empty_group_disappears()
    {
        using var h = new Harness();
        var alert = h.Fire("Flappy");
        h.FlushAfter(TimeSpan.FromSeconds(30));
        h.Resolve(alert);
        h.Succeed = false;
        Assert.Single(h.FlushAfter(TimeSpan.FromMinutes(5)));
        Assert.Equal(1, h.Dispatcher.GroupCount);
        h.Succeed = true;
        Assert.Single(h.FlushAfter(TimeSpan.FromMinutes(5)));
        Assert.Equal(0, h.Dispatcher.GroupCount);
        Assert.Empty(h.FlushAfter(TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void An_alert_timing_out_by_resolve_timeout_is_reported_resolved()
    {
        using var h = new Harness();
        h.Fire("Quiet", lasts: TimeSpan.FromMinutes(3));
        Assert.False(Assert.Single(Assert.Single(h.FlushAfter(TimeSpan.FromSeconds(30))).Alerts).IsResolved(h.Time.UtcNow));
        var later = Assert.Single(h.FlushAfter(TimeSpan.FromMinutes(5)));
        Assert.True(Assert.Single(later.Alerts).IsResolved(h.Time.UtcNow));
    }

    [Fact]
    public async Task Existing_alerts_are_grouped_when_the_dispatcher_starts_after_a_reload()
    {
        using var h = new Harness();
        h.Fire("Kept");
        var route = AlertmanagerConfigLoader.Load(Config, "alertmanager.yml").Route;
        var seen = new List<GroupNotification>();
        using var reloaded = new Dispatcher(h.Store, route, (n, _) =>
        {
            seen.Add(n);
            return Task.FromResult(true);
        }, h.Time);
        h.Time.Advance(TimeSpan.FromSeconds(30));
        await reloaded.FlushDueAsync(CancellationToken.None);
        Assert.Equal("Kept", Assert.Single(Assert.Single(seen).Alerts).Labels.Get("alertname"));
        Assert.Equal("Kept", Assert.Single(Assert.Single(reloaded.Groups()).Alerts).Labels.Get("alertname"));
    }
}
