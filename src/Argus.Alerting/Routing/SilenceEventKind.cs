namespace Argus.Alerting.Routing;

/// <summary>The moments of a silence's life a route can subscribe to (<c>silence_notifications.events</c>).
/// The values are persisted in notification-log keys by name, never by number.</summary>
public enum SilenceEventKind
{
    /// <summary>A silence covering the route's alerts was created.</summary>
    Created,

    /// <summary>It ends within <c>expiring_before</c>.</summary>
    Expiring,

    /// <summary>It ended (its end time passed, it was expired through the API, or its alerts all resolved).</summary>
    Expired,
}
