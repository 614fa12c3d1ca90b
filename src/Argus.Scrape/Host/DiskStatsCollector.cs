using System.Text.RegularExpressions;
using Argus.Instrumentation.Exposition;
using Argus.Model.Labels;

namespace Argus.Scrape.Host;

/// <summary>node_exporter's "diskstats" collector from <c>/proc/diskstats</c>, skipping partitions, loop and ram
/// devices as node_exporter does by default.</summary>
internal sealed partial class DiskStatsCollector : IHostMetricSource
{
    /// <summary>/proc/diskstats counts sectors of 512 bytes whatever the device's real sector size.</summary>
    private const double SectorBytes = 512;

    // (column after the device name, metric, help, type, scale)
    private static readonly (int Column, string Name, string Help, MetricType Type, double Scale)[] Columns =
    [
        (0, "node_disk_reads_completed_total", "The total number of reads completed successfully.", MetricType.Counter, 1),
        (1, "node_disk_reads_merged_total", "The total number of reads merged.", MetricType.Counter, 1),
        (2, "node_disk_read_bytes_total", "The total number of bytes read successfully.", MetricType.Counter, SectorBytes),
        (3, "node_disk_read_time_seconds_total", "The total number of seconds spent by all reads.", MetricType.Counter, 0.001),
        (4, "node_disk_writes_completed_total", "The total number of writes completed successfully.", MetricType.Counter, 1),
        (5, "node_disk_writes_merged_total", "The number of writes merged.", MetricType.Counter, 1),
        (6, "node_disk_written_bytes_total", "The total number of bytes written successfully.", MetricType.Counter, SectorBytes),
        (7, "node_disk_write_time_seconds_total", "This is the total number of seconds spent by all writes.", MetricType.Counter, 0.001),
        (8, "node_disk_io_now", "The number of I/Os currently in progress.", MetricType.Gauge, 1),
        (9, "node_disk_io_time_seconds_total", "Total seconds spent doing I/Os.", MetricType.Counter, 0.001),
        (10, "node_disk_io_time_weighted_seconds_total", "The weighted # of seconds spent doing I/Os.", MetricType.Counter, 0.001),
    ];

    public string Name => "diskstats";

    [GeneratedRegex(@"^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\d+n\d+p)\d+$")]
    private static partial Regex IgnoredDevices();

    public void Collect(ExpositionWriter writer, HostPaths paths)
    {
        var file = paths.ProcFile("diskstats");
        var devices = new List<(string Device, double[] Values)>();
        foreach (var line in File.ReadLines(file))
        {
            var fields = HostText.Fields(line);
            if (fields.Length < 14 || IgnoredDevices().IsMatch(fields[2]))
            {
                continue;
            }
            devices.Add((fields[2], fields.Skip(3).Select(f => HostText.Number(f, file)).ToArray()));
        }
        foreach (var (column, name, help, type, scale) in Columns)
        {
            writer.WriteFamilyHeader(name, help, type);
            foreach (var (device, values) in devices)
            {
                writer.WriteSample(name, [new Label("device", device)], values[column] * scale);
            }
        }
    }
}
