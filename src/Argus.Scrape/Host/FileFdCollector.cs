using Argus.Instrumentation.Exposition;

namespace Argus.Scrape.Host;

/// <summary>node_exporter's "filefd" collector from <c>/proc/sys/fs/file-nr</c>.</summary>
internal sealed class FileFdCollector : IHostMetricSource
{
    public string Name => "filefd";

    public void Collect(ExpositionWriter writer, HostPaths paths)
    {
        var file = paths.ProcFile("sys", "fs", "file-nr");
        var fields = HostText.Fields(File.ReadAllText(file).Trim());
        if (fields.Length < 3)
        {
            throw new FormatException($"{file}: expected 3 fields");
        }
        writer.WriteFamilyHeader("node_filefd_allocated", "File descriptor statistics: allocated.", MetricType.Gauge);
        writer.WriteSample("node_filefd_allocated", [], HostText.Number(fields[0], file));
        writer.WriteFamilyHeader("node_filefd_maximum", "File descriptor statistics: maximum.", MetricType.Gauge);
        writer.WriteSample("node_filefd_maximum", [], HostText.Number(fields[2], file));
    }
}
