using Argus.Alerting.Alerts;
using Argus.Alerting.History;
using Argus.Alerting.Persistence;
using Argus.Alerting.Routing;
using Argus.Alerting.Silences;

namespace Argus.Alerting.Groups;

/// <summary>
/// The per-group state of Argus's escalation and acknowledgement (<see cref="GroupState"/>), keyed by group key and
/// persisted with <see cref="SnapshotLog{T}"/> (<c>groups.snapshot</c>, <c>groups.log</c>): every change is fsynced
/// before the method that makes it returns, so an acknowledgement the API confirmed, or an escalation step that was
/// recorded, survives <c>kill -9</c>. The notification pipeline drives episodes and steps; the API, signed links and
/// acknowledgement silences drive acknowledgements; the dispatcher asks when the next step is due.
/// </summary>
/// <remarks>Thread-safe: one lock serialises changes; <see cref="Changed"/> is raised after it is released.</remarks>
public sealed class GroupStates : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, GroupState> _states;
    private readonly SnapshotLog<GroupState>? _log;
    private readonly GroupStatesOptions _options;

    private GroupStates(GroupStatesOptions options, Dictionary<string, GroupState> states, SnapshotLog<GroupState>? log)
    {
        _options = options;
        _states = states;
        _log = log;
        foreach (var (key, state) in states.ToList())
        {
            if (state.IsEmpty)
            {
                _states.Remove(key);
            }
        }
    }

    /// <summary>Opens the states, replaying their files when a directory is set.</summary>
    public static GroupStates Open(GroupStatesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Directory is null)
        {
            return new GroupStates(options, new Dictionary<string, GroupState>(StringComparer.Ordinal), null);
        }
        var log = SnapshotLog<GroupState>.Open(options.Directory, "groups", GroupStateCodec.Instance, out var states);
        return new GroupStates(options, states, log);
    }

    /// <summary>Raised after an acknowledgement is made or removed, or an episode or step is recorded, so that the
    /// dispatcher re-plans its next wake-up. Handlers must be quick and must not throw.</summary>
    public event Action? Changed;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _states.Count;
            }
        }
    }

    private DateTime Now => _options.Time.GetUtcNow().UtcDateTime;

    public GroupState? Get(string groupKey)
    {
        lock (_lock)
        {
            return _states.GetValueOrDefault(groupKey);
        }
    }

    /// <summary>The acknowledgement of the group as stored (without checking it against the group's alerts).</summary>
    public Acknowledgement? AcknowledgementOf(string groupKey) => Get(groupKey)?.Acknowledgement;

    /// <summary>
    /// Acknowledges the group: its firing alerts among <paramref name="alerts"/> are the acknowledged set.
    /// Durable when this returns; recorded in the history for each firing alert. Replaces an earlier acknowledgement.
    /// </summary>
    public Acknowledgement Acknowledge(string groupKey, IReadOnlyList<Alert> alerts, string by, string comment, string? silenceId = null)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentException.ThrowIfNullOrEmpty(by);
        var now = Now;
        var firing = alerts.Where(a => !a.IsResolved(now)).ToList();
        var ack = new Acknowledgement
        {
            By = by,
            Comment = comment ?? string.Empty,
            At = now,
            Firing = firing.Select(a => a.Fingerprint).Order().ToArray(),
            SilenceId = silenceId,
        };
        long durable;
        lock (_lock)
        {
            Update(groupKey, s => s with { Acknowledgement = ack }, now, out durable);
        }
        WaitDurable(durable);
        Record(firing, HistoryEventKind.Acknowledged, now, groupKey, by, silenceId is null ? ack.Comment : $"{ack.Comment} (silence {silenceId})");
        Changed?.Invoke();
        return ack;
    }

    /// <summary>Removes the group's acknowledgement, if any; escalation and repeats resume where they were.
    /// Returns whether there was one.</summary>
    public bool Unacknowledge(string groupKey, IReadOnlyList<Alert> alerts, string? by, string reason)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var now = Now;
        long durable;
        lock (_lock)
        {
            if (_states.GetValueOrDefault(groupKey)?.Acknowledgement is null)
            {
                return false;
            }
            Update(groupKey, s => s with { Acknowledgement = null }, now, out durable);
        }
        WaitDurable(durable);
        Record(alerts.Where(a => !a.IsResolved(now)), HistoryEventKind.Unacknowledged, now, groupKey, by, reason);
        Changed?.Invoke();
        return true;
    }

    /// <summary>
    /// The acknowledgement in force for the group with <paramref name="alerts"/> at <paramref name="now"/>, applying the
    /// rules and persisting what they change: an acknowledgement ends when an alert fires that it did not cover (for
    /// one made by a silence: that the silence does not match) or when its silence is no longer active; a group whose
    /// firing alerts are all matched by an active acknowledgement silence (<paramref name="ackSilences"/>) is
    /// acknowledged by it. Resolution does not end it here: <see cref="EndEpisode"/> does, once the resolution went out.
    /// </summary>
    public Acknowledgement? Evaluate(string groupKey, IReadOnlyList<Alert> alerts, DateTime now, IReadOnlyList<Silence> ackSilences)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(ackSilences);
        var ack = AcknowledgementOf(groupKey);
        if (ack is null && ackSilences.Count == 0)
        {
            // Neither an acknowledgement to check nor a silence that could make one: the case of nearly every flush.
            return null;
        }
        var firing = alerts.Where(a => !a.IsResolved(now)).ToList();
        if (ack is not null)
        {
            var reason = EndReason(ack, firing, ackSilences);
            if (reason is null)
            {
                return ack;
            }
            Unacknowledge(groupKey, alerts, by: null, reason);
        }
        if (firing.Count > 0 && ackSilences.FirstOrDefault(s => firing.All(a => s.Matches(a.Labels))) is { } silence)
        {
            return Acknowledge(groupKey, alerts, silence.CreatedBy.Length > 0 ? silence.CreatedBy : "silence", silence.AcknowledgementComment, silence.Id);
        }
        return null;
    }

    /// <summary>Why <paramref name="ack"/> no longer holds for <paramref name="firing"/>, or null when it still does.</summary>
    private static string? EndReason(Acknowledgement ack, List<Alert> firing, IReadOnlyList<Silence> ackSilences)
    {
        if (ack.SilenceId is { } id)
        {
            var silence = ackSilences.FirstOrDefault(s => s.Id == id);
            if (silence is null)
            {
                return $"acknowledgement silence {id} is no longer active";
            }
            var uncovered = firing.FirstOrDefault(a => !silence.Matches(a.Labels));
            return uncovered is null ? null : $"alert {uncovered.Labels} fired, which silence {id} does not match";
        }
        var known = new HashSet<ulong>(ack.Firing);
        var fresh = firing.FirstOrDefault(a => !known.Contains(a.Fingerprint));
        return fresh is null ? null : $"alert {fresh.Labels} fired";
    }

    /// <summary>
    /// Notes that the group's route notified <paramref name="receiver"/> at <paramref name="now"/>: the first such
    /// notification of an episode starts it (escalation is measured from there). Durable when this returns.
    /// Returns the state after the change.
    /// </summary>
    public GroupState Notified(string groupKey, string receiver, DateTime now)
    {
        GroupState state;
        var started = false;
        long durable;
        lock (_lock)
        {
            var current = _states.GetValueOrDefault(groupKey);
            if (current?.EpisodeStart is not null && current.Notified.Contains(receiver))
            {
                return current;
            }
            started = current?.EpisodeStart is null;
            state = Update(groupKey, s => s with
            {
                EpisodeStart = s.EpisodeStart ?? now,
                Notified = s.Notified.Contains(receiver) ? s.Notified : [.. s.Notified, receiver],
            }, now, out durable);
        }
        WaitDurable(durable);
        if (started)
        {
            Changed?.Invoke();
        }
        return state;
    }

    /// <summary>
    /// Records that escalation step <paramref name="step"/> (1-based) notified <paramref name="receiver"/> for the
    /// firing <paramref name="alerts"/>. Steps only advance. Durable when this returns; recorded in the history.
    /// </summary>
    public void StepFired(string groupKey, int step, string receiver, IReadOnlyList<Alert> alerts, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        long durable;
        lock (_lock)
        {
            var current = _states.GetValueOrDefault(groupKey);
            if (current is not null && current.StepsFired >= step)
            {
                return;
            }
            Update(groupKey, s => s with
            {
                EpisodeStart = s.EpisodeStart ?? now,
                StepsFired = step,
                Notified = s.Notified.Contains(receiver) ? s.Notified : [.. s.Notified, receiver],
            }, now, out durable);
        }
        WaitDurable(durable);
        Record(alerts.Where(a => !a.IsResolved(now)), HistoryEventKind.Escalated, now, groupKey, null, $"step {step}", receiver);
        Changed?.Invoke();
    }

    /// <summary>
    /// Ends the group's episode because everything in it resolved: escalation starts again from step 0 if it fires
    /// again, and the acknowledgement ends. Durable when this returns.
    /// </summary>
    public void EndEpisode(string groupKey, IReadOnlyList<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var now = Now;
        Acknowledgement? ended;
        long durable;
        lock (_lock)
        {
            var current = _states.GetValueOrDefault(groupKey);
            if (current is null)
            {
                return;
            }
            ended = current.Acknowledgement;
            Update(groupKey, s => s with { EpisodeStart = null, StepsFired = 0, Notified = [], Acknowledgement = null }, now, out durable);
        }
        WaitDurable(durable);
        if (ended is not null)
        {
            // The alerts it covered have resolved; name them, since no firing alert is left to carry the event.
            Record(alerts.Where(a => ended.Firing.Contains(a.Fingerprint)), HistoryEventKind.Unacknowledged, now, groupKey, null, "all alerts resolved");
        }
        Changed?.Invoke();
    }

    /// <summary>When the next escalation step of the group falls due under <paramref name="route"/>'s policy: null when
    /// the route has none, no episode runs, the group is acknowledged or every step fired.</summary>
    public DateTime? NextStepAt(string groupKey, Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (route.Escalation.Count == 0)
        {
            return null;
        }
        var state = Get(groupKey);
        if (state?.EpisodeStart is not { } start || state.Acknowledgement is not null || state.StepsFired >= route.Escalation.Count)
        {
            return null;
        }
        return start + route.Escalation[state.StepsFired].After;
    }

    /// <summary>The group's escalation status for the API, or null when <paramref name="route"/> has no policy.</summary>
    public EscalationStatus? Escalation(string groupKey, Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (route.Escalation.Count == 0)
        {
            return null;
        }
        var state = Get(groupKey);
        var step = Math.Min(state?.StepsFired ?? 0, route.Escalation.Count);
        var pending = state?.Acknowledgement is null && step < route.Escalation.Count;
        return new EscalationStatus(
            step,
            state?.Notified ?? [],
            pending && state?.EpisodeStart is { } start ? start + route.Escalation[step].After : null,
            pending ? route.Escalation[step].Receiver : null);
    }

    /// <summary>
    /// Drops the states of groups that <paramref name="isLive"/> no longer knows and that have not changed within the
    /// retention, and, with persistence, writes a snapshot (emptying the log). Returns how many were dropped.
    /// </summary>
    public int Maintain(Func<string, bool> isLive)
    {
        ArgumentNullException.ThrowIfNull(isLive);
        lock (_lock)
        {
            var cutoff = Now - _options.Retention;
            var dropped = 0;
            foreach (var (key, state) in _states.ToList())
            {
                if (state.UpdatedAt < cutoff && !isLive(key))
                {
                    _states.Remove(key);
                    dropped++;
                }
            }
            _log?.WriteSnapshot(_states.Values);
            return dropped;
        }
    }

    private void WaitDurable(long sequence)
    {
        if (sequence > 0)
        {
            _log!.WaitDurable(sequence);
        }
    }

    // Caller holds the lock. Hands the change to the log (from here it survives kill -9) and applies it; the caller
    // then waits with WaitDurable, outside the lock, before returning, so that many groups changing at once (a flush
    // of thousands of groups) share fsyncs instead of queueing one fsync each behind the lock. An empty state is
    // persisted (it replaces the previous one on replay) but not kept in memory.
    private GroupState Update(string groupKey, Func<GroupState, GroupState> change, DateTime now, out long sequence)
    {
        var current = _states.GetValueOrDefault(groupKey) ?? new GroupState { GroupKey = groupKey, UpdatedAt = now };
        var updated = change(current) with { UpdatedAt = now > current.UpdatedAt ? now : current.UpdatedAt };
        sequence = _log?.AppendBuffered(updated).Sequence ?? 0;
        if (updated.IsEmpty)
        {
            _states.Remove(groupKey);
        }
        else
        {
            _states[groupKey] = updated;
        }
        return updated;
    }

    private void Record(IEnumerable<Alert> alerts, HistoryEventKind kind, DateTime now, string groupKey, string? by, string? detail, string? receiver = null)
    {
        if (_options.History is not { } history)
        {
            return;
        }
        var groupId = GroupId.Of(groupKey);
        history.Record(alerts.Select(a => HistoryEvent.For(a, kind, now) with { GroupId = groupId, By = by, Detail = detail, Receiver = receiver }));
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _log?.Dispose();
        }
    }
}
