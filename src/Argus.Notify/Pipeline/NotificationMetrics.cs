using Argus.Instrumentation.Metrics;

namespace Argus.Notify.Pipeline;

/// <summary>
/// Alertmanager's notification metrics, by integration. Registered once per process and shared by the
/// pipelines that successive configuration reloads build, so counters never restart.
/// </summary>
public sealed class NotificationMetrics
{
    public NotificationMetrics(MetricsRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Notifications = registry.CounterFamily("alertmanager_notifications_total", "The total number of attempted notifications.", "integration");
        NotificationsFailed = registry.CounterFamily("alertmanager_notifications_failed_total", "The total number of failed notifications.", "integration");
        Requests = registry.CounterFamily("alertmanager_notification_requests_total", "The total number of attempted notification requests.", "integration");
        RequestsFailed = registry.CounterFamily("alertmanager_notification_requests_failed_total", "The total number of failed notification requests.", "integration");
        Latency = registry.HistogramFamily("alertmanager_notification_latency_seconds", "The latency of notifications in seconds.", [1, 5, 10, 15, 20], "integration");
    }

    /// <summary>One per notification the pipeline decided to send, however many attempts it took.</summary>
    public CounterFamily Notifications { get; }

    /// <summary>One per notification that was given up (not retryable, or out of time).</summary>
    public CounterFamily NotificationsFailed { get; }

    /// <summary>One per attempt.</summary>
    public CounterFamily Requests { get; }

    public CounterFamily RequestsFailed { get; }

    /// <summary>Time of each successful notification, retries included.</summary>
    public HistogramFamily Latency { get; }
}
