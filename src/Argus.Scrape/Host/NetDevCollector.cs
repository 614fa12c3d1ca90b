using Argus.Instrumentation.Exposition;
using Argus.Model.Labels;

namespace Argus.Scrape.Host;

/// <summary>node_exporter's "netdev" collector from <c>/proc/net/dev</c>.</summary>
internal sealed class NetDevCollector : IHostMetricSource
{
    private static readonly string[] Receive = ["bytes", "packets", "errs", "drop", "fifo", "frame", "compressed", "multicast"];
    private static readonly string[] Transmit = ["bytes", "packets", "errs", "drop", "fifo", "colls", "carrier", "compressed"];

    public string Name => "netdev";

    public void Collect(ExpositionWriter writer, HostPaths paths)
    {
        var file = paths.ProcFile("net", "dev");
        var devices = new List<(string Device, double[] Values)>();
        foreach (var line in File.ReadLines(file).Skip(2))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }
            var values = HostText.Fields(line[(colon + 1)..]).Select(f => HostText.Number(f, file)).ToArray();
            if (values.Length < 16)
            {
                throw new FormatException($"{file}: expected 16 counters for {line[..colon].Trim()}");
            }
            devices.Add((line[..colon].Trim(), values));
        }
        Write(writer, devices, "receive", Receive, 0);
        Write(writer, devices, "transmit", Transmit, 8);
    }

    private static void Write(ExpositionWriter writer, List<(string Device, double[] Values)> devices, string direction, string[] names, int offset)
    {
        for (var i = 0; i < names.Length; i++)
        {
            var name = $"node_network_{direction}_{names[i]}_total";
            writer.WriteFamilyHeader(name, $"Network device statistic {direction}_{names[i]}.", MetricType.Counter);
            foreach (var (device, values) in devices)
            {
                writer.WriteSample(name, [new Label("device", device)], values[offset + i]);
            }
        }
    }
}
