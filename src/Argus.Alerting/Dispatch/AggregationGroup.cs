using Argus.Alerting.Alerts;
using Argus.Alerting.Routing;
using Argus.Model.Labels;

namespace Argus.Alerting.Dispatch;

/// <summary>
/// The alerts of one route that share the values of the route's <c>group_by</c> labels, notified together.
/// Holds its own copy of each alert (the latest instance the store produced) until a successful notification
/// has reported it resolved, so a resolution is delivered even after the store has forgotten the alert.
/// </summary>
/// <remarks>
/// Not thread-safe on its own; <see cref="Dispatcher"/> guards every instance with its lock. Kept small because with
/// <c>group_by: ['...']</c> there is a group per alert: a group of one alert holds it in a field, and only a second
/// alert brings a dictionary (a dictionary of one entry cost about 200 bytes a group); the group key text is built when
/// asked for rather than kept.
/// </remarks>
public sealed class AggregationGroup
{
    private Alert? _single;
    private Dictionary<ulong, Alert>? _many;

    internal AggregationGroup(Route route, LabelSet labels, DateTime now)
    {
        Route = route;
        Labels = labels;
        NextFlush = now + route.GroupWait;
    }

    public Route Route { get; }

    /// <summary>The group labels: the alert's values of the <c>group_by</c> labels it has (all labels for <c>...</c>).</summary>
    public LabelSet Labels { get; }

    /// <summary>Alertmanager's group key, <c>routeKey:groupLabels</c> (built on each call).</summary>
    public string Key => KeyOf(Route, Labels);

    internal GroupIdentity Identity => new(Route, Labels);

    /// <summary>When the group is flushed next: <c>group_wait</c> after creation, then every <c>group_interval</c>.</summary>
    public DateTime NextFlush { get; internal set; }

    /// <summary>Whether the first flush (the end of <c>group_wait</c>) has happened.</summary>
    public bool HasFlushed { get; internal set; }

    internal bool Flushing { get; set; }

    /// <summary>The escalation due time an escalation flush was last started for; a step that could not be sent then
    /// (muted, or its delivery failed) is retried by the regular flushes rather than over and over.</summary>
    internal DateTime? EscalationAttempted { get; set; }

    internal bool IsEmpty => _single is null && (_many is null || _many.Count == 0);

    /// <summary>Alertmanager's group key of the group with <paramref name="labels"/> under <paramref name="route"/>.</summary>
    public static string KeyOf(Route route, LabelSet labels) => route.Key + ":" + labels;

    /// <summary>The group labels of <paramref name="alert"/> under <paramref name="route"/>; labels the alert
    /// lacks are left out, as in Alertmanager.</summary>
    internal static LabelSet LabelsOf(Route route, Alert alert)
    {
        if (route.GroupByAll)
        {
            return alert.Labels;
        }
        var builder = new List<Label>(route.GroupBy.Count);
        foreach (var name in route.GroupBy)
        {
            if (alert.Labels.Has(name))
            {
                builder.Add(new Label(name, alert.Labels.Get(name)));
            }
        }
        return LabelSet.From(builder);
    }

    /// <summary>Adds or replaces an alert. An alert that started longer than <c>group_wait</c> ago makes a
    /// group that has not flushed yet flush at once: there is nothing left to wait for.</summary>
    internal bool Insert(Alert alert, DateTime now)
    {
        if (_many is not null)
        {
            _many[alert.Fingerprint] = alert;
        }
        else if (_single is null || _single.Fingerprint == alert.Fingerprint)
        {
            _single = alert;
        }
        else
        {
            _many = new Dictionary<ulong, Alert> { [_single.Fingerprint] = _single, [alert.Fingerprint] = alert };
            _single = null;
        }
        if (!HasFlushed && alert.StartsAt + Route.GroupWait <= now && NextFlush > now)
        {
            NextFlush = now;
            return true;
        }
        return false;
    }

    /// <summary>The alerts now, sorted by labels.</summary>
    internal List<Alert> Snapshot()
    {
        if (_many is null)
        {
            return _single is null ? [] : [_single];
        }
        var alerts = _many.Values.ToList();
        alerts.Sort((a, b) => a.Labels.CompareTo(b.Labels));
        return alerts;
    }

    /// <summary>Drops the alerts that were reported resolved, unless a newer instance arrived meanwhile
    /// (it may fire again and must then be reported).</summary>
    internal void RemoveReportedResolved(IEnumerable<Alert> reported, DateTime now)
    {
        foreach (var alert in reported)
        {
            if (!alert.IsResolved(now))
            {
                continue;
            }
            if (ReferenceEquals(_single, alert))
            {
                _single = null;
            }
            else if (_many is not null && _many.TryGetValue(alert.Fingerprint, out var current) && ReferenceEquals(current, alert))
            {
                _many.Remove(alert.Fingerprint);
            }
        }
    }
}
