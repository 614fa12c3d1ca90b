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
/// Scheduling costs O(log n) per group event, never a pass over all groups: regular flushes wait in a priority
/// queue keyed by <see cref="AggregationGroup.NextFlush"/> (an entry whose time no longer matches its group's is
/// stale and skipped), and only groups whose route escalates are looked at on every round, because their due time
/// depends on state outside the dispatcher (acknowledgements, steps fired). A new group wakes the loop only when it
/// is due before what the loop is waiting for, so a burst of 100 000 new alerts costs 100 000 queue inserts, not
/// 100 000 passes over every group.
/// </remarks>
public sealed class Dispatcher : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<GroupIdentity, AggregationGroup> _groups = [];
    private readonly AlertStore _store;
    private readonly Route _route;
    private readonly GroupFlushHandler _flush;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private const int ParallelFlushThreshold = 64;
    private readonly PriorityQueue<AggregationGroup, DateTime> _regular = new();
    private readonly HashSet<AggregationGroup> _escalating = [];
    private DateTime _sleepingUntil = DateTime.MinValue;
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
                return NextFlushLocked();
            }
        }
    }

    // Caller holds the lock.
    private DateTime? NextFlushLocked()
    {
        DateTime? next = TryPeekRegular(out _, out var regular) ? regular : null;
        foreach (var group in _escalating)
        {
            if (EscalationDue(group) is { } escalation && escalation < group.NextFlush && (next is null || escalation < next))
            {
                next = escalation;
            }
        }
        return next;
    }

    // Caller holds the lock. The group whose regular flush comes first, dropping stale queue entries on the way.
    private bool TryPeekRegular(out AggregationGroup group, out DateTime due)
    {
        while (_regular.TryPeek(out group!, out due))
        {
            if (due == group.NextFlush && _groups.TryGetValue(group.Identity, out var current) && ReferenceEquals(current, group))
            {
                return true;
            }
            _regular.Dequeue();
        }
        return false;
    }

    // Caller holds the lock. Queues the group's regular flush at its NextFlush; returns whether the loop must wake
    // because that comes before what it is waiting for.
    private bool ScheduleRegular(AggregationGroup group)
    {
        _regular.Enqueue(group, group.NextFlush);
        if (_regular.Count > 1024 && _regular.Count > 4 * _groups.Count)
        {
            // Mostly stale entries (groups re-queued or gone): rebuild from the live groups.
            _regular.Clear();
            foreach (var live in _groups.Values)
            {
                _regular.Enqueue(live, live.NextFlush);
            }
        }
        return group.NextFlush < _sleepingUntil;
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
                var identity = new GroupIdentity(route, AggregationGroup.LabelsOf(route, alert));
                if (!_groups.TryGetValue(identity, out var group))
                {
                    _groups[identity] = group = new AggregationGroup(route, identity.Labels, now);
                    group.Insert(alert, now);
                    wake |= ScheduleRegular(group);
                }
                else if (group.Insert(alert, now))
                {
                    // The group's first flush moved to now.
                    wake |= ScheduleRegular(group);
                }
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
        // Checked first because a burst of new groups calls this thousands of times while one wake-up is pending, and
        // a SemaphoreFullException per call cost more than the rest of ingesting the alert.
        if (_wake.CurrentCount > 0)
        {
            return;
        }
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
        var starting = new List<(AggregationGroup Group, GroupNotification Notification)>();
        lock (_lock)
        {
            foreach (var group in _escalating)
            {
                if (!group.Flushing && group.NextFlush > now && EscalationDue(group) is { } due && due <= now)
                {
                    group.Flushing = true;
                    group.EscalationAttempted = due;
                    starting.Add((group, NotificationOf(group, now, FlushKind.Escalation)));
                }
            }
            List<AggregationGroup>? busy = null;
            while (TryPeekRegular(out var group, out var due) && due <= now)
            {
                _regular.Dequeue();
                if (group.Flushing)
                {
                    // Still busy with its previous flush: due again as soon as that ends.
                    (busy ??= []).Add(group);
                    continue;
                }
                group.Flushing = true;
                group.HasFlushed = true;
                group.NextFlush = now + group.Route.GroupInterval;
                _regular.Enqueue(group, group.NextFlush);
                if (_escalation is not null && group.Route.Escalation.Count > 0)
                {
                    _escalating.Add(group);
                }
                starting.Add((group, NotificationOf(group, now, FlushKind.Regular)));
            }
            foreach (var group in busy ?? [])
            {
                _regular.Enqueue(group, group.NextFlush);
            }
        }
        // Outside the lock: a flush renders and sends before its first await, and groups falling due together must not
        // hold the lock that ingestion and finished flushes need for all of that. A burst (thousands of groups formed
        // together) goes to the thread pool so that it renders on every core rather than one after the other here.
        var started = new Task[starting.Count];
        for (var i = 0; i < started.Length; i++)
        {
            var (group, notification) = starting[i];
            started[i] = starting.Count < ParallelFlushThreshold
                ? FlushAsync(group, notification, cancellationToken)
                : Task.Run(() => FlushAsync(group, notification, cancellationToken), CancellationToken.None);
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
                if (group.IsEmpty && _groups.TryGetValue(group.Identity, out var current) && ReferenceEquals(current, group))
                {
                    _groups.Remove(group.Identity);
                    _escalating.Remove(group);
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
                TimeSpan delay;
                lock (_lock)
                {
                    var next = NextFlushLocked();
                    var now = _time.GetUtcNow().UtcDateTime;
                    delay = next is null ? Timeout.InfiniteTimeSpan : next.Value - now;
                    if (delay != Timeout.InfiniteTimeSpan && delay < TimeSpan.Zero)
                    {
                        // Due now but still flushing: look again shortly rather than spin.
                        delay = TimeSpan.FromMilliseconds(50);
                    }
                    // Ingest wakes the loop only for a group due before this.
                    _sleepingUntil = delay == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : now + delay;
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
