using Argus.Instrumentation.Exposition;
using Argus.Model.Labels;

namespace Argus.Scrape.Host;

/// <summary>node_exporter's "cpu" collector: seconds spent per CPU and mode from <c>/proc/stat</c>.</summary>
internal sealed class CpuCollector : IHostMetricSource
{
    /// <summary>Linux reports CPU time in USER_HZ ticks, which is 100 on every supported architecture.</summary>
    private const double UserHz = 100.0;

    // Column order of a "cpuN" line and the mode each column is exported as (guest columns are separate).
    private static readonly string[] Modes = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"];

    public string Name => "cpu";

    public void Collect(ExpositionWriter writer, HostPaths paths)
    {
        var file = paths.ProcFile("stat");
        var cpus = new List<(string Cpu, double[] Ticks)>();
        foreach (var line in File.ReadLines(file))
        {
            if (!line.StartsWith("cpu", StringComparison.Ordinal) || line.StartsWith("cpu ", StringComparison.Ordinal))
            {
                continue;
            }
            var fields = HostText.Fields(line);
            var ticks = fields.Skip(1).Select(f => HostText.Number(f, file)).ToArray();
            cpus.Add((fields[0][3..], ticks));
        }
        writer.WriteFamilyHeader("node_cpu_seconds_total", "Seconds the CPUs spent in each mode.", MetricType.Counter);
        foreach (var (cpu, ticks) in cpus)
        {
            foreach (var (mode, index) in Modes.Select((m, i) => (m, i)).OrderBy(p => p.m, StringComparer.Ordinal))
            {
                if (index < ticks.Length)
                {
                    writer.WriteSample("node_cpu_seconds_total", [new Label("cpu", cpu), new Label("mode", mode)], ticks[index] / UserHz);
                }
            }
        }
        writer.WriteFamilyHeader("node_cpu_guest_seconds_total", "Seconds the CPUs spent in guests (VMs) for each mode.", MetricType.Counter);
        foreach (var (cpu, ticks) in cpus)
        {
            if (ticks.Length >= 10)
            {
                // The kernel counts guest time inside user/nice too; node_exporter exports it as is.
                writer.WriteSample("node_cpu_guest_seconds_total", [new Label("cpu", cpu), new Label("mode", "nice")], ticks[9] / UserHz);
                writer.WriteSample("node_cpu_guest_seconds_total", [new Label("cpu", cpu), new Label("mode", "user")], ticks[8] / UserHz);
            }
        }
    }
}
