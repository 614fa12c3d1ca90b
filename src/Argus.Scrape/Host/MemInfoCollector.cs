using Argus.Instrumentation.Exposition;

namespace Argus.Scrape.Host;

/// <summary>node_exporter's "meminfo" collector: every <c>/proc/meminfo</c> line as <c>node_memory_&lt;Name&gt;_bytes</c>
/// (kB scaled to bytes; unitless counts such as HugePages_Total keep no suffix).</summary>
internal sealed class MemInfoCollector : IHostMetricSource
{
    public string Name => "meminfo";

    public void Collect(ExpositionWriter writer, HostPaths paths)
    {
        var file = paths.ProcFile("meminfo");
        foreach (var line in File.ReadLines(file))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }
            var key = line[..colon].Replace('(', '_').Replace(")", string.Empty, StringComparison.Ordinal);
            var fields = HostText.Fields(line[(colon + 1)..]);
            if (fields.Length == 0)
            {
                continue;
            }
            var value = HostText.Number(fields[0], file);
            var name = "node_memory_" + key;
            if (fields.Length > 1 && fields[1] == "kB")
            {
                value *= 1024;
                name += "_bytes";
            }
            writer.WriteFamilyHeader(name, $"Memory information field {key}.", MetricType.Gauge);
            writer.WriteSample(name, [], value);
        }
    }
}
