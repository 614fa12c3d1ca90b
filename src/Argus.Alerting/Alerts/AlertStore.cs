using System.Collections.Concurrent;

namespace Argus.Alerting.Alerts;

/// <summary>
/// The alerts the alert manager knows, keyed by fingerprint. A re-sent alert whose activity range overlaps
/// the stored one is merged with it (<see cref="Alert.Merge"/>); otherwise it replaces it, as in Alertmanager's
/// in-memory provider. Resolved alerts stay until <see cref="CollectResolved"/> removes them.
/// </summary>
/// <remarks>Thread-safe and lock-free for readers: alerts are immutable and replaced atomically per fingerprint.</remarks>
public sealed class AlertStore
{
    private readonly ConcurrentDictionary<ulong, Alert> _alerts = new();

    public AlertStoreStats Stats { get; } = new();

    public int Count => _alerts.Count;

    /// <summary>
    /// Raised after every <see cref="Put"/> with the alert as stored, on the caller's thread; the dispatcher
    /// and the inhibitor follow the store through it. Handlers must be quick and must not throw.
    /// </summary>
    public event Action<Alert>? Stored;

    /// <summary>
    /// Raised after every <see cref="Put"/> and <see cref="PutAll"/> with all the alerts of the call as stored, after
    /// <see cref="Stored"/> was raised for each: for followers that do better with the alerts of a POST together (the
    /// alert history records them with one write). Same rules as <see cref="Stored"/>.
    /// </summary>
    public event Action<IReadOnlyList<Alert>>? StoredBatch;

    /// <summary>Stores or merges <paramref name="alert"/>; returns the alert as stored.</summary>
    public Alert Put(Alert alert, DateTime now)
    {
        var stored = PutInternal(alert, now);
        Stored?.Invoke(stored);
        StoredBatch?.Invoke([stored]);
        return stored;
    }

    /// <summary>Stores or merges each of <paramref name="alerts"/> in order, as <see cref="Put"/> would one by one.</summary>
    public void PutAll(IReadOnlyList<Alert> alerts, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        if (alerts.Count == 0)
        {
            return;
        }
        var stored = new Alert[alerts.Count];
        for (var i = 0; i < stored.Length; i++)
        {
            stored[i] = PutInternal(alerts[i], now);
            Stored?.Invoke(stored[i]);
        }
        StoredBatch?.Invoke(stored);
    }

    private Alert PutInternal(Alert alert, DateTime now)
    {
        Interlocked.Increment(ref Stats.AlertsReceived);
        while (true)
        {
            if (!_alerts.TryGetValue(alert.Fingerprint, out var old))
            {
                if (_alerts.TryAdd(alert.Fingerprint, alert))
                {
                    return alert;
                }
                continue;
            }
            var stored = alert;
            if (Overlaps(old, alert))
            {
                stored = old.Merge(alert, now);
                Interlocked.Increment(ref Stats.AlertsMerged);
            }
            if (_alerts.TryUpdate(alert.Fingerprint, stored, old))
            {
                return stored;
            }
        }
    }

    // Alertmanager merges only when the new alert's end or start falls inside the stored alert's range;
    // a new alert after a resolved one starts a fresh lifetime.
    private static bool Overlaps(Alert old, Alert alert) =>
        (alert.EndsAt > old.StartsAt && alert.EndsAt < old.EndsAt) ||
        (alert.StartsAt > old.StartsAt && alert.StartsAt < old.EndsAt);

    public Alert? Get(ulong fingerprint) => _alerts.TryGetValue(fingerprint, out var alert) ? alert : null;

    /// <summary>A point-in-time copy of all alerts (resolved included), in no particular order.</summary>
    public List<Alert> List()
    {
        var result = new List<Alert>(_alerts.Count);
        foreach (var entry in _alerts)
        {
            result.Add(entry.Value);
        }
        return result;
    }

    /// <summary>Removes alerts that have been resolved at <paramref name="now"/>; returns how many.</summary>
    public int CollectResolved(DateTime now)
    {
        var removed = 0;
        foreach (var entry in _alerts)
        {
            if (entry.Value.IsResolved(now) && _alerts.TryRemove(entry))
            {
                removed++;
            }
        }
        Interlocked.Add(ref Stats.AlertsCollected, removed);
        return removed;
    }
}
