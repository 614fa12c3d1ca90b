using System.Globalization;
using System.Text;

namespace Argus.Benchmarks.Scrape;

/// <summary>A node-exporter-like body of 10 000 series: a few dozen families with cpu/device/mode labels,
/// HELP and TYPE lines, realistic float values.</summary>
internal static class NodeExporterBody
{
    public const int SeriesCount = 10_000;

    public static byte[] Create(bool openMetrics)
    {
        var sb = new StringBuilder(1 << 20);
        var random = new Random(7);
        var written = 0;
        var family = 0;
        while (written < SeriesCount)
        {
            var name = $"node_family_{family}_seconds_total";
            sb.Append("# HELP ").Append(name).Append(" Seconds spent in family ").Append(family).Append(".\n");
            sb.Append("# TYPE ").Append(name).Append(" counter\n");
            for (var i = 0; i < 250 && written < SeriesCount; i++, written++)
            {
                sb.Append(name).Append("{cpu=\"").Append(i / 8).Append("\",device=\"sda").Append(i % 4)
                    .Append("\",mode=\"").Append((i % 8) switch { 0 => "idle", 1 => "user", 2 => "system", 3 => "iowait", 4 => "irq", 5 => "softirq", 6 => "steal", _ => "nice" })
                    .Append("\"} ").Append((random.NextDouble() * 1e6).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
            family++;
        }
        if (openMetrics)
        {
            sb.Append("# EOF\n");
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
