using System.Collections;

namespace Argus.Templates.Alertmanager;

/// <summary>The alerts of a notification (Alertmanager's <c>template.Alerts</c>), with <c>.Firing</c> and <c>.Resolved</c>.</summary>
public sealed class NotificationAlerts(IReadOnlyList<NotificationAlert> alerts) : IReadOnlyList<NotificationAlert>
{
    private readonly IReadOnlyList<NotificationAlert> _alerts = alerts;

    public int Count => _alerts.Count;

    public NotificationAlert this[int index] => _alerts[index];

    public NotificationAlerts Firing() => new([.. _alerts.Where(a => a.Status == "firing")]);

    public NotificationAlerts Resolved() => new([.. _alerts.Where(a => a.Status == "resolved")]);

    public IEnumerator<NotificationAlert> GetEnumerator() => _alerts.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
