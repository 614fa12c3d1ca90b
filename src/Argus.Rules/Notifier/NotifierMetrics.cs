using Argus.Instrumentation.Metrics;

namespace Argus.Rules.Notifier;

/// <summary>
/// The notifier's metrics under the names Prometheus gives them, so dashboards and alerts written for
/// Prometheus's notifier work unchanged. Per-Alertmanager series exist from discovery on (at 0) and are removed
/// when the Alertmanager goes away.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class NotifierMetrics
{
    private readonly CounterFamily _sent;
    private readonly CounterFamily _errors;
    private readonly HistogramFamily _latency;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public NotifierMetrics(MetricsRegistry registry, Func<double> queueLength, double queueCapacity, Func<double> discovered)
    {
        _sent = registry.CounterFamily("prometheus_notifications_sent_total",
            "Total number of alerts sent.", "alertmanager");
        _errors = registry.CounterFamily("prometheus_notifications_errors_total",
            "Total number of sent alerts affected by errors.", "alertmanager");
        _latency = registry.HistogramFamily("prometheus_notifications_latency_seconds",
            "Latency of sending alerts to an Alertmanager, in seconds.", HistogramFamily.DefaultBuckets, "alertmanager");
        Dropped = registry.Counter("prometheus_notifications_dropped_total",
            "Total number of alerts dropped due to errors when sending to Alertmanager.");
        registry.CallbackGauge("prometheus_notifications_queue_length", "The number of alert notifications in the queue.", queueLength);
        registry.CallbackGauge("prometheus_notifications_queue_capacity", "The capacity of the alert notifications queue.", () => queueCapacity);
        registry.CallbackGauge("prometheus_notifications_alertmanagers_discovered", "The number of alertmanagers discovered and active.", discovered);
    }

    public Counter Dropped { get; }

    public void Sent(string alertmanager, int count, TimeSpan latency, bool failed)
    {
        _sent.WithLabels(alertmanager).Inc(count);
        if (failed)
        {
            _errors.WithLabels(alertmanager).Inc(count);
        }
        _latency.WithLabels(alertmanager).Observe(latency.TotalSeconds);
    }

    /// <summary>Creates the series of newly discovered Alertmanagers and removes those of vanished ones.</summary>
    public void SetAlertmanagers(IEnumerable<string> urls)
    {
        var current = urls.ToHashSet(StringComparer.Ordinal);
        lock (_known)
        {
            foreach (var url in current.Where(u => !_known.Contains(u)))
            {
                _sent.WithLabels(url);
                _errors.WithLabels(url);
            }
            foreach (var url in _known.Where(u => !current.Contains(u)))
            {
                _sent.Remove(url);
                _errors.Remove(url);
                _latency.Remove(url);
            }
            _known.Clear();
            _known.UnionWith(current);
        }
    }
}
