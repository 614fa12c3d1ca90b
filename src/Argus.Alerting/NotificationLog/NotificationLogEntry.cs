namespace Argus.Alerting.NotificationLog;

/// <summary>
/// What one integration of one receiver last delivered for one aggregation group: the fingerprints that were
/// firing and resolved at that notification, and when it happened. The de-duplication stage compares the
/// group's current alerts with it to decide whether a flush needs a notification.
/// </summary>
public sealed record NotificationLogEntry
{
    public required NotificationLogKey Key { get; init; }

    /// <summary>Fingerprints of the firing alerts notified, sorted.</summary>
    public required IReadOnlyList<ulong> FiringAlerts { get; init; }

    /// <summary>Fingerprints of the resolved alerts notified, sorted.</summary>
    public required IReadOnlyList<ulong> ResolvedAlerts { get; init; }

    /// <summary>When the notification was delivered.</summary>
    public required DateTime Timestamp { get; init; }

    /// <summary>When the entry may be dropped (<see cref="Timestamp"/> plus the retention).</summary>
    public required DateTime ExpiresAt { get; init; }

    /// <summary>How many notifications in a row, up to this one, were repeats of an unchanged group (0 when this
    /// one reported a change); the route's <c>repeat_interval_growth</c> lengthens the next wait by it.</summary>
    public int RepeatCount { get; init; }

    /// <summary>True when every fingerprint in <paramref name="firing"/> was firing at the last notification
    /// (so no alert started firing since).</summary>
    public bool IsFiringSubset(IReadOnlySet<ulong> firing) => firing.All(FiringAlerts.Contains);

    /// <summary>True when every fingerprint in <paramref name="resolved"/> was already reported resolved.</summary>
    public bool IsResolvedSubset(IReadOnlySet<ulong> resolved) => resolved.All(ResolvedAlerts.Contains);
}
