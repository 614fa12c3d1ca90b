using Argus.Alerting.Alerts;
using Argus.Alerting.Silences;
using Argus.Model.Labels;

namespace Argus.Alerting.History;

/// <summary>
/// Turns what happens to alerts into history events: <c>firing</c> and <c>resolved</c> as the store receives them
/// (<see cref="Observe"/>) or as their end time passes, <c>silenced</c>/<c>unsilenced</c> and
/// <c>inhibited</c>/<c>uninhibited</c> as silences and inhibiting alerts come and go (<see cref="Sweep"/>, which the
/// alert manager runs every few seconds and after every silence change). Each event is recorded once per change:
/// the tracker remembers the last state it recorded per alert, and on start takes it from the history itself, so a
/// restart (after which senders re-send their alerts) records nothing twice.
/// </summary>
/// <remarks>Thread-safe: one lock guards the remembered states.</remarks>
public sealed class AlertStateTracker
{
    /// <summary>How long an alert the store no longer has is remembered; covers a restart, after which senders re-send.</summary>
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, Known> _known = [];
    private readonly HistoryLog _history;
    private readonly SilenceStore _silences;

    public AlertStateTracker(HistoryLog history, SilenceStore silences)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(silences);
        _history = history;
        _silences = silences;
        Restore();
    }

    /// <summary>Who inhibits an alert with these labels at this time (the inhibitor of the configuration in force);
    /// null while none runs.</summary>
    public Func<LabelSet, DateTime, List<string>>? InhibitedBy { get; set; }

    // The last recorded firing/resolved, silenced and inhibited state per alert, oldest event first.
    private void Restore()
    {
        foreach (var e in _history.Query(new HistoryQuery()).AsEnumerable().Reverse())
        {
            if (!_known.TryGetValue(e.Fingerprint, out var known))
            {
                known = new Known { LastSeen = e.At };
            }
            switch (e.Kind)
            {
                case HistoryEventKind.Firing:
                    known.Firing = true;
                    break;
                case HistoryEventKind.Resolved:
                    known.Firing = false;
                    known.Silenced = false;
                    known.Inhibited = false;
                    break;
                case HistoryEventKind.Silenced:
                    known.Silenced = true;
                    break;
                case HistoryEventKind.Unsilenced:
                    known.Silenced = false;
                    break;
                case HistoryEventKind.Inhibited:
                    known.Inhibited = true;
                    break;
                case HistoryEventKind.Uninhibited:
                    known.Inhibited = false;
                    break;
                default:
                    continue;
            }
            known.LastSeen = e.At;
            _known[e.Fingerprint] = known;
        }
    }

    /// <summary>Takes note of an alert as stored (new, re-sent or resolved) at <paramref name="now"/>.</summary>
    public void Observe(Alert alert, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ObserveAll([alert], now);
    }

    /// <summary>
    /// <see cref="Observe"/> for the alerts of one POST: one pass under the lock and one record call, so the history
    /// hands all their events to the operating system with one write. Most alerts are re-sends of alerts already
    /// firing: then nothing is recorded, nothing allocated and the history's lock is not taken.
    /// </summary>
    public void ObserveAll(IReadOnlyList<Alert> alerts, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        List<HistoryEvent>? events = null;
        lock (_lock)
        {
            foreach (var alert in alerts)
            {
                UpdateActivity(alert, now, ref events);
            }
        }
        if (events is not null)
        {
            _history.Record(events);
        }
    }

    /// <summary>
    /// Compares every alert of <paramref name="alerts"/> with what was last recorded and records the differences:
    /// alerts that resolved by their end time passing, and changes of silencing and inhibition of firing alerts.
    /// </summary>
    public void Sweep(IReadOnlyList<Alert> alerts, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        List<HistoryEvent>? events = null;
        var inhibitedBy = InhibitedBy;
        lock (_lock)
        {
            var present = new HashSet<ulong>(alerts.Count);
            foreach (var alert in alerts)
            {
                present.Add(alert.Fingerprint);
                var known = UpdateActivity(alert, now, ref events);
                if (!known.Firing)
                {
                    continue;
                }
                var silencedBy = _silences.MutedBy(alert.Labels);
                if ((silencedBy.Count > 0) != known.Silenced)
                {
                    known.Silenced = silencedBy.Count > 0;
                    var detail = known.Silenced ? "silence " + string.Join(", ", silencedBy) : null;
                    var by = known.Silenced ? _silences.Get(silencedBy[0])?.CreatedBy : null;
                    (events ??= []).Add(HistoryEvent.For(alert, known.Silenced ? HistoryEventKind.Silenced : HistoryEventKind.Unsilenced, now) with { Detail = detail, By = by });
                }
                var inhibitors = inhibitedBy?.Invoke(alert.Labels, now) ?? [];
                if ((inhibitors.Count > 0) != known.Inhibited)
                {
                    known.Inhibited = inhibitors.Count > 0;
                    var detail = known.Inhibited ? "inhibited by " + string.Join(", ", inhibitors) : null;
                    (events ??= []).Add(HistoryEvent.For(alert, known.Inhibited ? HistoryEventKind.Inhibited : HistoryEventKind.Uninhibited, now) with { Detail = detail });
                }
            }
            foreach (var (fingerprint, known) in _known.ToList())
            {
                if (!present.Contains(fingerprint) && (!known.Firing || now - known.LastSeen > ForgetAfter))
                {
                    _known.Remove(fingerprint);
                }
            }
        }
        if (events is not null)
        {
            _history.Record(events);
        }
    }

    // Caller holds the lock. Records firing and resolved transitions of one alert (into a list made on the first
    // event) and returns its remembered state.
    private Known UpdateActivity(Alert alert, DateTime now, ref List<HistoryEvent>? events)
    {
        var firing = !alert.IsResolved(now);
        if (!_known.TryGetValue(alert.Fingerprint, out var known))
        {
            known = new Known();
            _known[alert.Fingerprint] = known;
            if (firing)
            {
                known.Firing = true;
                (events ??= []).Add(HistoryEvent.For(alert, HistoryEventKind.Firing, now));
            }
        }
        else if (known.Firing != firing)
        {
            known.Firing = firing;
            if (!firing)
            {
                // Silencing and inhibition end with the alert; their events would only repeat the resolution.
                known.Silenced = false;
                known.Inhibited = false;
            }
            (events ??= []).Add(HistoryEvent.For(alert, firing ? HistoryEventKind.Firing : HistoryEventKind.Resolved, now));
        }
        known.LastSeen = now;
        return known;
    }

    private sealed class Known
    {
        public bool Firing { get; set; }

        public bool Silenced { get; set; }

        public bool Inhibited { get; set; }

        public DateTime LastSeen { get; set; }
    }
}
