using Argus.Model.Labels;

namespace Argus.Rules.Alerting;

/// <summary>
/// The per-rule alert life cycle, as Prometheus runs it at each evaluation: a new result starts a
/// pending alert; it fires once it has been active for <c>for</c>; when the result disappears a firing
/// alert stays firing for <c>keep_firing_for</c>, then becomes inactive (resolved) and is kept for
/// <see cref="ResolvedRetention"/> so the resolution can be sent; a pending alert that disappears is
/// dropped. Not thread-safe: the rule's group loop is the only writer; readers take <see cref="Snapshot"/>.
/// </summary>
public sealed class AlertStateMachine(TimeSpan holdDuration, TimeSpan keepFiringFor)
{
    /// <summary>How long a resolved alert is kept (and re-sent) after it became inactive.</summary>
    public static readonly TimeSpan ResolvedRetention = TimeSpan.FromMinutes(15);

    private readonly Dictionary<LabelSet, Alert> _active = [];
    private readonly object _snapshotLock = new();

    public TimeSpan HoldDuration { get; } = holdDuration;

    public TimeSpan KeepFiringFor { get; } = keepFiringFor;

    /// <summary>
    /// Applies one evaluation's results at <paramref name="timestamp"/>. Returns the error Prometheus
    /// reports when more than <paramref name="limit"/> (&gt; 0) alerts would be active; then every
    /// alert is dropped, as upstream does.
    /// </summary>
    public string? Update(IReadOnlyList<AlertCandidate> results, DateTimeOffset timestamp, int limit = 0)
    {
        lock (_snapshotLock)
        {
            var seen = new HashSet<LabelSet>();
            foreach (var candidate in results)
            {
                if (!seen.Add(candidate.Labels))
                {
                    return "vector contains metrics with the same labelset after applying alert labels";
                }
            }
            foreach (var candidate in results)
            {
                if (_active.TryGetValue(candidate.Labels, out var existing) && existing.State != AlertState.Inactive)
                {
                    existing.Value = candidate.Value;
                    existing.Annotations = candidate.Annotations;
                    existing.Labels = candidate.Labels;
                    continue;
                }
                _active[candidate.Labels] = new Alert
                {
                    Labels = candidate.Labels,
                    Annotations = candidate.Annotations,
                    Value = candidate.Value,
                    ActiveAt = timestamp,
                    State = AlertState.Pending,
                };
            }
            var activeCount = 0;
            foreach (var (labels, alert) in _active.ToList())
            {
                if (!seen.Contains(labels))
                {
                    var keepFiring = false;
                    if (alert.State == AlertState.Firing && KeepFiringFor > TimeSpan.Zero)
                    {
                        if (alert.KeepFiringSince == default)
                        {
                            alert.KeepFiringSince = timestamp;
                        }
                        keepFiring = timestamp - alert.KeepFiringSince < KeepFiringFor;
                    }
                    if (alert.State == AlertState.Pending || (alert.ResolvedAt != default && timestamp - alert.ResolvedAt > ResolvedRetention))
                    {
                        _active.Remove(labels);
                    }
                    if (!keepFiring)
                    {
                        if (alert.State != AlertState.Inactive)
                        {
                            alert.State = AlertState.Inactive;
                            alert.ResolvedAt = timestamp;
                        }
                        continue;
                    }
                }
                else
                {
                    alert.KeepFiringSince = default;
                }
                activeCount++;
                if (alert.State == AlertState.Pending && timestamp - alert.ActiveAt >= HoldDuration)
                {
                    alert.State = AlertState.Firing;
                    alert.FiredAt = timestamp;
                }
            }
            if (limit > 0 && activeCount > limit)
            {
                _active.Clear();
                return $"exceeded limit of {limit} with {activeCount} alerts";
            }
            return null;
        }
    }

    /// <summary>The tracked alerts themselves (including resolved ones still retained), in no particular
    /// order, for the owning rule's evaluation to derive its output series from: the group loop is the
    /// only writer, so it may read them without the copies <see cref="Snapshot"/> makes for other threads.</summary>
    internal IReadOnlyCollection<Alert> TrackedByOwner() => _active.Values;

    /// <summary>Copies of every tracked alert (including resolved ones still retained), ordered by labels.</summary>
    public IReadOnlyList<Alert> Snapshot()
    {
        lock (_snapshotLock)
        {
            return _active.Values.Select(a => a.Clone()).OrderBy(a => a.Labels).ToList();
        }
    }

    /// <summary>
    /// The alerts due to be sent to the notifier at <paramref name="timestamp"/>, as Prometheus decides:
    /// firing ones not sent for <paramref name="resendDelay"/>, and resolved ones whose resolution has not
    /// been sent yet or whose last send is older than the resend delay (so a resolution is repeated while
    /// it is retained). Each returned alert (a copy) is marked sent, valid until 4 × max(resend delay,
    /// <paramref name="interval"/>) from now, so two lost evaluations or sends do not resolve it.
    /// </summary>
    public IReadOnlyList<Alert> TakeAlertsToSend(DateTimeOffset timestamp, TimeSpan resendDelay, TimeSpan interval)
    {
        lock (_snapshotLock)
        {
            var due = new List<Alert>();
            var validity = 4 * (interval > resendDelay ? interval : resendDelay);
            foreach (var alert in _active.Values)
            {
                if (alert.State == AlertState.Pending)
                {
                    continue;
                }
                var resolvedSinceLastSend = alert.ResolvedAt != default && alert.ResolvedAt > alert.LastSentAt;
                if (!resolvedSinceLastSend && alert.LastSentAt + resendDelay >= timestamp)
                {
                    continue;
                }
                alert.LastSentAt = timestamp;
                alert.ValidUntil = timestamp + validity;
                due.Add(alert.Clone());
            }
            return due;
        }
    }

    /// <summary>Puts back an alert restored from <c>ALERTS_FOR_STATE</c> or kept across a reload.</summary>
    public void Restore(Alert alert)
    {
        lock (_snapshotLock)
        {
            _active[alert.Labels] = alert.Clone();
        }
    }
}
