using Argus.Instrumentation.Exposition;

namespace Argus.Scrape.Host;

/// <summary>node_exporter's "time" collector: the system clock, which with node_boot_time_seconds gives uptime.</summary>
internal sealed class TimeCollector(TimeProvider time) : IHostMetricSource
{
    public string Name => "time";

    public void Collect(ExpositionWriter writer, HostPaths paths)
    {
        writer.WriteFamilyHeader("node_time_seconds", "System time in seconds since epoch (1970).", MetricType.Gauge);
        writer.WriteSample("node_time_seconds", [], time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
    }
}
