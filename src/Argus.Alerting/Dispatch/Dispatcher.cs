using Argus.Alerting.Alerts;
using Argus.Alerting.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Alerting.Dispatch;

/// <summary>
/// Alertmanager's dispatcher: follows the alert store, sends every alert down the route tree into aggregation
/// groups, and flushes each group <c>group_wait</c> after it formed and then every <c>group_interval</c>. Whether
/// a flush notifies anyone (something changed, or <c>repeat_interval</c> passed) is the pipeline's
/// de-duplication against the notification log, exactly as in Alertmanager; after a successful flush the
/// resolved alerts it reported leave the group, and an empty group is dropped.
/// </summary>
/// <remarks>
/// Time comes from a <see cref="TimeProvider"/>: <see cref="RunAsync"/> waits on it, and tests drive
/// <see cref="FlushDueAsync"/> directly after moving a controlled clock. A configuration reload replaces the
/// dispatcher (as Alertmanager does); the notification log keeps the new one from repeating old notifications.
/// Thread-safe: one lock guards the groups; flushes run outside it, at most one per group at a time.
/// </remarks>
public sealed class Dispatcher : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, AggregationGroup> _groups = new(StringComparer.Ordinal);
    private readonly AlertStore _store;
    private readonly Route _route;
    private readonly GroupFlushHandler _flush;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly HashSet<Task> _inFlight = [];
    private readonly EscalationSchedule? _escalation;

    public Dispatcher(AlertStore store, Route route, GroupFlushHandler flush, TimeProvider time, ILogger? logger = null, EscalationSchedule? escalation = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(flush);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _route = route;
        _flush = flush;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _escalation = escalation;
        _store.Stored += Ingest;
        foreach (var alert in _store.List())
        {
            Ingest(alert);
        }
    }

    public Route Route => _route;

    public int GroupCount
    {
        get
        {
            lock (_lock)
            {
                return _groups.Count;
            }
        }
    }

    /// <summary>The groups with a copy of their alerts, for <c>GET /api/v2/alerts/groups</c> and inspection.</summary>
    public IReadOnlyList<AlertGroupView> Groups()
    {
        lock (_lock)
        {
            return _groups.Values.Select(g => new AlertGroupView(g.Route, g.Labels, g.Key, g.Snapshot())).ToList();
        }
    }

    /// <summary>The earliest pending flush (regular or for escalation), or null when there are no groups.</summary>
    public DateTime? NextFlush
    {
        get
        {
            lock (_lock)
            {
                DateTime? next = null;
                foreach (var group in _groups.Values)
                {
                    var due = EscalationDue(group) is { } escalation && escalation < group.NextFlush ? escalation : group.NextFlush;
                    if (next is null || due < next)
                    {
                        next = due;
                    }
                }
                return next;
            }
        }
    }

    // Caller holds the lock. The escalation step due for a group that has been notified, unless a flush for that very
    // due time was already started.
    private DateTime? EscalationDue(AggregationGroup group)
    {
        if (_escalation is null || !group.HasFlushed || group.Route.Escalation.Count == 0)
        {
            return null;
        }
        var due = _escalation(group.Key, group.Route);
        return due is { } d && d != group.EscalationAttempted ? d : null;
    }

    /// <summary>Puts an alert into the group of every route it matches (creating groups as needed).</summary>
    public void Ingest(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var now = _time.GetUtcNow().UtcDateTime;
        var routes = _route.Match(alert.Labels);
        var wake = false;
        lock (_lock)
        {
            foreach (var route in routes)
            {
                var labels = AggregationGroup.LabelsOf(route, alert);
                var key = AggregationGroup.KeyOf(route, labels);
                if (!_groups.TryGetValue(key, out var group))
                {
                    _groups[key] = group = new AggregationGroup(route, labels, now);
                    wake = true;
                }
                wake |= group.Insert(alert, now);
            }
        }
        if (wake)
        {
            Wake();
        }
    }

    /// <summary>Makes the dispatcher look at its schedule again now (for example after an acknowledgement was
    /// removed and an escalation step became due).</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending; one is enough.
        }
    }

    /// <summary>Starts a flush of every group that is due at the clock's now and completes when they have
    /// all finished. A group still busy with its previous flush is skipped until that one ends.</summary>
    public Task FlushDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var started = new List<Task>();
        lock (_lock)
        {
            foreach (var group in _groups.Values)
            {
                if (group.Flushing)
                {
                    continue;
                }
                if (group.NextFlush > now)
                {
                    if (EscalationDue(group) is { } due && due <= now)
                    {
                        group.Flushing = true;
                        group.EscalationAttempted = due;
                        started.Add(FlushAsync(group, NotificationOf(group, now, FlushKind.Escalation), cancellationToken));
                    }
                    continue;
                }
                group.Flushing = true;
                group.HasFlushed = true;
                group.NextFlush = now + group.Route.GroupInterval;
                started.Add(FlushAsync(group, NotificationOf(group, now, FlushKind.Regular), cancellationToken));
            }
        }
        return Task.WhenAll(started);
    }

    // Caller holds the lock. Retries of a regular flush stop at the group's next regular flush. An escalation flush
    // may fall just before that one, so it gets a whole group_interval: the regular flush waits for it, rather than
    // cutting off a delivery in progress (which would then be retried and could arrive twice).
    private static GroupNotification NotificationOf(AggregationGroup group, DateTime now, FlushKind kind) => new()
    {
        Route = group.Route,
        GroupKey = group.Key,
        GroupLabels = group.Labels,
        Alerts = group.Snapshot(),
        Now = now,
        Deadline = kind == FlushKind.Regular ? group.NextFlush : now + group.Route.GroupInterval,
        Kind = kind,
    };

    private async Task FlushAsync(AggregationGroup group, GroupNotification notification, CancellationToken cancellationToken)
    {
        var succeeded = false;
        try
        {
            if (notification.Alerts.Count > 0)
            {
                using var timeout = new CancellationTokenSource(notification.Deadline - notification.Now, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
                succeeded = await _flush(notification, linked.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogError(e, "Notifying group {GroupKey} failed", group.Key);
        }
        finally
        {
            lock (_lock)
            {
                group.Flushing = false;
                if (succeeded && notification.Kind == FlushKind.Regular)
                {
                    group.RemoveReportedResolved(notification.Alerts, notification.Now);
                }
                if (group.IsEmpty && _groups.TryGetValue(group.Key, out var current) && ReferenceEquals(current, group))
                {
                    _groups.Remove(group.Key);
                }
            }
        }
    }

    /// <summary>Flushes groups as they fall due until cancelled, then waits for the flushes in progress.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var flushes = FlushDueAsync(cancellationToken);
                if (!flushes.IsCompleted)
                {
                    Track(flushes);
                }
                var next = NextFlush;
                var delay = next is null ? Timeout.InfiniteTimeSpan : next.Value - _time.GetUtcNow().UtcDateTime;
                if (delay != Timeout.InfiniteTimeSpan && delay < TimeSpan.Zero)
                {
                    // Due now but still flushing: look again shortly rather than spin.
                    delay = TimeSpan.FromMilliseconds(50);
                }
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                await Task.WhenAny(Task.Delay(delay, _time, stop.Token), _wake.WaitAsync(stop.Token)).ConfigureAwait(false);
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            Task[] pending;
            lock (_inFlight)
            {
                pending = [.. _inFlight];
            }
            await Task.WhenAll(pending).ConfigureAwait(false);
        }
    }

    private void Track(Task flushes)
    {
        lock (_inFlight)
        {
            _inFlight.Add(flushes);
        }
        flushes.ContinueWith(
            t =>
            {
                lock (_inFlight)
                {
                    _inFlight.Remove(t);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Stops following the store; groups are discarded.</summary>
    public void Dispose()
    {
        _store.Stored -= Ingest;
        _wake.Dispose();
    }
}
