using Argus.Alerting.Alerts;
using Argus.Alerting.Config;
using Argus.Alerting.Dispatch;
using Argus.Model.Labels;

namespace Argus.Alerting.Tests.Dispatch;

public sealed class DispatcherEscalationTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(Start);
    private readonly AlertStore _store = new();
    private readonly List<GroupNotification> _flushes = [];
    private readonly Dispatcher _dispatcher;
    private DateTime? _due;

    public DispatcherEscalationTests()
    {
        var route = AlertmanagerConfigLoader.Load("""
            route:
              receiver: primary
              group_by: [alertname]
              group_wait: 30s
              group_interval: 10m
              escalation:
                - {after: 15m, receiver: secondary}
            receivers: [{name: primary}, {name: secondary}]
            """, "am.yml").Route;
        _dispatcher = new Dispatcher(_store, route, (n, _) =>
        {
            _flushes.Add(n);
            return Task.FromResult(true);
        }, _time, escalation: (_, _) => _due);
    }

    public void Dispose() => _dispatcher.Dispose();

    private Task FlushAfterAsync(TimeSpan wait)
    {
        _time.Advance(wait);
        return _dispatcher.FlushDueAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_step_due_between_regular_flushes_gets_an_escalation_flush_of_its_own_once()
    {
        var now = _time.UtcNow;
        _store.Put(new Alert(LabelSet.FromPairs("alertname", "A"), LabelSet.Empty, now, now.AddHours(1), now, "", false), now);
        _due = Start.UtcDateTime.AddMinutes(15);
        // Before the first flush no step can be due: escalation is measured from the first notification.
        Assert.Equal(Start.UtcDateTime.AddSeconds(30), _dispatcher.NextFlush);
        await FlushAfterAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([FlushKind.Regular], _flushes.Select(f => f.Kind));
        Assert.Equal(Start.UtcDateTime.AddSeconds(30).AddMinutes(10), _dispatcher.NextFlush);
        await FlushAfterAsync(TimeSpan.FromMinutes(10));
        Assert.Equal(_due, _dispatcher.NextFlush);

        await FlushAfterAsync(TimeSpan.FromMinutes(4.5));
        Assert.Equal([FlushKind.Regular, FlushKind.Regular, FlushKind.Escalation], _flushes.Select(f => f.Kind));
        Assert.Equal(_due, _flushes[2].Now);
        // A whole group_interval to deliver, even though the next regular flush (20:30) comes sooner.
        Assert.Equal(_due + TimeSpan.FromMinutes(10), _flushes[2].Deadline);
        Assert.Equal(_flushes[0].GroupId, _flushes[2].GroupId);

        // The step was not recorded (say it was muted): no second escalation flush for the same due time;
        // the regular flushes take it up.
        Assert.Equal(Start.UtcDateTime.AddSeconds(30).AddMinutes(20), _dispatcher.NextFlush);
        await FlushAfterAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(3, _flushes.Count);
        await FlushAfterAsync(TimeSpan.FromMinutes(4.5));
        Assert.Equal([FlushKind.Regular, FlushKind.Regular, FlushKind.Escalation, FlushKind.Regular], _flushes.Select(f => f.Kind));
    }

    [Fact]
    public async Task An_escalation_flush_keeps_resolved_alerts_for_the_regular_flush_to_report()
    {
        var now = _time.UtcNow;
        _store.Put(new Alert(LabelSet.FromPairs("alertname", "A"), LabelSet.Empty, now, now.AddMinutes(2), now, "", false), now);
        await FlushAfterAsync(TimeSpan.FromSeconds(30));
        _due = _time.UtcNow.AddMinutes(5);
        await FlushAfterAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(FlushKind.Escalation, _flushes[^1].Kind);
        Assert.Equal(1, _dispatcher.GroupCount);
        _due = null;
        await FlushAfterAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(FlushKind.Regular, _flushes[^1].Kind);
        Assert.True(Assert.Single(_flushes[^1].Alerts).IsResolved(_time.UtcNow));
        Assert.Equal(0, _dispatcher.GroupCount);
    }
}
