using Argus.Instrumentation.Metrics;

namespace Argus.Server.Composition;

/// <summary>The configuration-reload metrics Prometheus exposes, under Argus's prefix.</summary>
internal sealed class ReloadMetrics(MetricsRegistry registry)
{
    private readonly Gauge _successful = registry.Gauge("argus_config_last_reload_successful",
        "Whether the last configuration reload attempt succeeded (1) or failed (0).");

    private readonly Gauge _successTimestamp = registry.Gauge("argus_config_last_reload_success_timestamp_seconds",
        "Unix time of the last successful configuration reload.");

    public void Succeeded(DateTimeOffset at)
    {
        _successful.Set(1);
        _successTimestamp.Set(at.ToUnixTimeMilliseconds() / 1000.0);
    }

    public void Failed() => _successful.Set(0);
}
