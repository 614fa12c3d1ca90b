using Argus.Alerting.Alerts;
using Argus.Alerting.History;
using Argus.Alerting.Routing;
using Argus.Model.Labels;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.Alerting.Silences;

/// <summary>
/// Argus's silence lifecycle: records <c>silence_created</c>, <c>silence_expiring</c> and <c>silence_expired</c> in the
/// history, works out which routes' <c>silence_notifications</c> subscribers must hear of each (a route is covered
/// when the silence matches at least one of the alerts the route has), and expires the silences marked
/// <see cref="Silence.ExpiresOnResolve"/> once every alert they match has resolved. Creation and explicit expiry are
/// handled as the store reports them (<see cref="OnChange"/>); the passing of end times and warning windows by
/// <see cref="Sweep"/>, which looks at the time since its previous run. That start point is the newest history
/// event when the lifecycle is built, so what happened while the alert manager was down is caught up once.
/// </summary>
/// <remarks>Thread-safe: one lock guards the sweep window and the ids expired through the store.</remarks>
public sealed class SilenceLifecycle
{
    private readonly Lock _lock = new();
    private readonly SilenceStore _silences;
    private readonly HistoryLog? _history;
    private readonly HashSet<string> _expiredByChange = new(StringComparer.Ordinal);
    private DateTime _lastSweep;

    public SilenceLifecycle(SilenceStore silences, HistoryLog? history, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(silences);
        _silences = silences;
        _history = history;
        _lastSweep = history?.LastEventAt is { } last && last < now ? last : now;
    }

    /// <summary>
    /// Handles a change the silence store reported: a creation or an expiry is recorded in the history, and the
    /// notices for <paramref name="route"/>'s subscribers, given the store's <paramref name="alerts"/>, are returned.
    /// </summary>
    public List<SilenceNotice> OnChange(SilenceChange change, Route route, IReadOnlyList<Alert> alerts, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(change);
        var silence = change.Current;
        SilenceEventKind kind;
        if (change.IsCreation)
        {
            kind = SilenceEventKind.Created;
        }
        else if (change.IsExpiry(now))
        {
            kind = SilenceEventKind.Expired;
            lock (_lock)
            {
                _expiredByChange.Add(silence.Id);
            }
        }
        else
        {
            return [];
        }
        Record(silence, kind, now, receiver: null, change.Reason);
        return Notices(silence, kind, route, alerts, now);
    }

    /// <summary>
    /// Expires the expire-on-resolve silences whose alerts have all resolved (the store then reports the expiry to
    /// <see cref="OnChange"/>), and returns the notices for silences that ended, or entered a subscriber's
    /// <c>expiring_before</c> window, since the previous sweep.
    /// </summary>
    public List<SilenceNotice> Sweep(Route route, IReadOnlyList<Alert> alerts, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(alerts);
        foreach (var silence in _silences.List())
        {
            if (silence.ExpiresOnResolve && silence.StateAt(now) == SilenceState.Active)
            {
                var matched = alerts.Where(a => silence.Matches(a.Labels)).ToList();
                if (matched.Count > 0 && matched.All(a => a.IsResolved(now)))
                {
                    try
                    {
                        _silences.Expire(silence.Id, "all matched alerts resolved");
                    }
                    catch (SilenceValidationException)
                    {
                        // Expired meanwhile by someone else; nothing left to do.
                    }
                }
            }
        }
        DateTime since;
        lock (_lock)
        {
            since = _lastSweep;
            _lastSweep = now > _lastSweep ? now : _lastSweep;
        }
        var notices = new List<SilenceNotice>();
        foreach (var silence in _silences.List())
        {
            if (silence.EndsAt > since && silence.EndsAt <= now)
            {
                bool explicitly;
                lock (_lock)
                {
                    explicitly = _expiredByChange.Remove(silence.Id);
                }
                if (!explicitly)
                {
                    Record(silence, SilenceEventKind.Expired, silence.EndsAt, receiver: null, "end time passed");
                    notices.AddRange(Notices(silence, SilenceEventKind.Expired, route, alerts, now));
                }
                continue;
            }
            if (silence.StateAt(now) == SilenceState.Expired || silence.IsAcknowledgement)
            {
                continue;
            }
            foreach (var notice in Notices(silence, SilenceEventKind.Expiring, route, alerts, now, since))
            {
                Record(silence, SilenceEventKind.Expiring, now, notice.Receiver, $"ends at {silence.EndsAt:yyyy-MM-dd'T'HH:mm:ss'Z'}");
                notices.Add(notice);
            }
        }
        lock (_lock)
        {
            // Ids expired through the store whose end the sweep has now passed are no longer needed.
            _expiredByChange.RemoveWhere(id => _silences.Get(id) is not { } s || s.EndsAt <= since);
        }
        return notices;
    }

    /// <summary>
    /// The notices of <paramref name="kind"/> for <paramref name="silence"/>: one per subscribed receiver whose routes
    /// have alerts the silence matches. For <see cref="SilenceEventKind.Expiring"/> only subscribers whose window
    /// (end minus <c>expiring_before</c>) opened after <paramref name="since"/>, at or before now, and after the
    /// silence got its current end.
    /// </summary>
    private static List<SilenceNotice> Notices(Silence silence, SilenceEventKind kind, Route route, IReadOnlyList<Alert> alerts, DateTime now, DateTime since = default)
    {
        // Acknowledgement silences acknowledge rather than mute; their subscribers hear of the acknowledgement instead.
        if (silence.IsAcknowledgement)
        {
            return [];
        }
        var byReceiver = new Dictionary<string, Dictionary<ulong, Alert>>(StringComparer.Ordinal);
        foreach (var alert in alerts)
        {
            if (!silence.Matches(alert.Labels))
            {
                continue;
            }
            foreach (var matched in route.Match(alert.Labels))
            {
                if (matched.SilenceNotifications is not { } subscription || !subscription.Includes(kind))
                {
                    continue;
                }
                if (kind == SilenceEventKind.Expiring)
                {
                    var opens = silence.EndsAt - subscription.ExpiringBefore;
                    if (opens <= since || opens > now || opens <= silence.UpdatedAt)
                    {
                        continue;
                    }
                }
                var receiver = matched.SilenceNotificationReceiver!;
                if (!byReceiver.TryGetValue(receiver, out var covered))
                {
                    byReceiver[receiver] = covered = [];
                }
                covered[alert.Fingerprint] = alert;
            }
        }
        var labels = LabelsOf(silence);
        return byReceiver.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e =>
        {
            var covered = e.Value.Values.ToList();
            covered.Sort((a, b) => a.Labels.CompareTo(b.Labels));
            return new SilenceNotice { Receiver = e.Key, Kind = kind, Silence = silence, Alerts = covered, Labels = labels, At = now };
        }).ToList();
    }

    /// <summary>The equality matchers of a silence as labels (the first of each name): what its history events and
    /// notifications are labelled with.</summary>
    public static LabelSet LabelsOf(Silence silence)
    {
        ArgumentNullException.ThrowIfNull(silence);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var builder = new LabelSetBuilder();
        foreach (var matcher in silence.Matchers)
        {
            if (matcher.Type == MatchType.Equal && seen.Add(matcher.Name))
            {
                builder.Set(matcher.Name, matcher.Value);
            }
        }
        return builder.Build();
    }

    private void Record(Silence silence, SilenceEventKind kind, DateTime at, string? receiver, string? reason)
    {
        if (_history is null)
        {
            return;
        }
        var labels = LabelsOf(silence);
        var matchers = "{" + string.Join(", ", silence.Matchers) + "}";
        var detail = $"silence {silence.Id} {matchers}" + (silence.Comment.Length > 0 ? ": " + silence.Comment : string.Empty) + (reason is null ? string.Empty : $" ({reason})");
        _history.Record(new HistoryEvent
        {
            At = at,
            Kind = HistoryEventKinds.Of(kind),
            Fingerprint = AlertFingerprint.Compute(labels),
            Labels = labels,
            Receiver = receiver,
            By = silence.CreatedBy.Length > 0 ? silence.CreatedBy : null,
            Detail = detail,
        });
    }
}
