using Argus.Instrumentation.Exposition;

namespace Argus.Scrape.Host;

/// <summary>node_exporter's "stat" collector: boot time, context switches, forks, interrupts, process states.</summary>
internal sealed class StatCollector : IHostMetricSource
{
    public string Name => "stat";

    public void Collect(ExpositionWriter writer, HostPaths paths)
    {
        var file = paths.ProcFile("stat");
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(file))
        {
            var fields = HostText.Fields(line);
            if (fields.Length >= 2 && fields[0] is "btime" or "ctxt" or "processes" or "procs_running" or "procs_blocked" or "intr")
            {
                values[fields[0]] = HostText.Number(fields[1], file);
            }
        }
        Write(writer, values, "btime", "node_boot_time_seconds", "Node boot time, in unixtime.", MetricType.Gauge);
        Write(writer, values, "ctxt", "node_context_switches_total", "Total number of context switches.", MetricType.Counter);
        Write(writer, values, "processes", "node_forks_total", "Total number of forks.", MetricType.Counter);
        Write(writer, values, "intr", "node_intr_total", "Total number of interrupts serviced.", MetricType.Counter);
        Write(writer, values, "procs_blocked", "node_procs_blocked", "Number of processes blocked waiting for I/O to complete.", MetricType.Gauge);
        Write(writer, values, "procs_running", "node_procs_running", "Number of processes in runnable state.", MetricType.Gauge);
    }

    private static void Write(ExpositionWriter writer, Dictionary<string, double> values, string key, string name, string help, MetricType type)
    {
        if (values.TryGetValue(key, out var value))
        {
            writer.WriteFamilyHeader(name, help, type);
            writer.WriteSample(name, [], value);
        }
    }
}
