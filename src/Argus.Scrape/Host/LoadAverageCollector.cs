using Argus.Instrumentation.Exposition;

namespace Argus.Scrape.Host;

/// <summary>node_exporter's "loadavg" collector.</summary>
internal sealed class LoadAverageCollector : IHostMetricSource
{
    public string Name => "loadavg";

    public void Collect(ExpositionWriter writer, HostPaths paths)
    {
        var file = paths.ProcFile("loadavg");
        var fields = HostText.Fields(File.ReadAllText(file));
        if (fields.Length < 3)
        {
            throw new FormatException($"{file}: expected at least 3 fields");
        }
        string[] names = ["node_load1", "node_load5", "node_load15"];
        string[] periods = ["1m", "5m", "15m"];
        for (var i = 0; i < 3; i++)
        {
            writer.WriteFamilyHeader(names[i], $"{periods[i]} load average.", MetricType.Gauge);
            writer.WriteSample(names[i], [], HostText.Number(fields[i], file));
        }
    }
}
