using System.Diagnostics;
using System.Text;
using Argus.Instrumentation.Exposition;
using Argus.Model.Labels;
using Argus.Scrape.Http;

namespace Argus.Scrape.Host;

/// <summary>
/// Argus's built-in node exporter: host metrics read from /proc and /sys under node_exporter's metric names
/// and labels, so existing dashboards work. Served at <c>/metrics/host</c> (see <see cref="Handle"/>).
/// Each sub-collector succeeds or fails on its own, reported as <c>node_scrape_collector_success</c> and
/// <c>node_scrape_collector_duration_seconds</c> like node_exporter does; a failed collector's partial output
/// is discarded so a family is never half written.
/// </summary>
/// <remarks>Thread-safe: each call renders into its own buffer.</remarks>
public sealed class HostCollector
{
    private readonly HostPaths _paths;
    private readonly IReadOnlyList<IHostMetricSource> _sources;

    public HostCollector(HostPaths? paths = null, TimeProvider? time = null)
    {
        _paths = paths ?? new HostPaths();
        _sources =
        [
            new CpuCollector(), new DiskStatsCollector(), new FileFdCollector(), new FilesystemCollector(),
            new LoadAverageCollector(), new MemInfoCollector(), new NetDevCollector(), new StatCollector(),
            new TimeCollector(time ?? TimeProvider.System), new UnameCollector(),
        ];
    }

    /// <summary>Renders all host metrics in the text format 0.0.4.</summary>
    public string Render()
    {
        var output = new StringBuilder(64 * 1024);
        var results = new List<(string Name, bool Ok, double Seconds)>();
        foreach (var source in _sources)
        {
            var partial = new StringWriter();
            var watch = Stopwatch.StartNew();
            bool ok;
            try
            {
                source.Collect(new ExpositionWriter(partial), _paths);
                ok = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                ok = false;
            }
            if (ok)
            {
                output.Append(partial.GetStringBuilder());
            }
            results.Add((source.Name, ok, watch.Elapsed.TotalSeconds));
        }
        var writer = new ExpositionWriter(new StringWriter(output));
        writer.WriteFamilyHeader("node_scrape_collector_duration_seconds", "node_exporter: Duration of a collector scrape.", MetricType.Gauge);
        foreach (var (name, _, seconds) in results)
        {
            writer.WriteSample("node_scrape_collector_duration_seconds", [new Label("collector", name)], seconds);
        }
        writer.WriteFamilyHeader("node_scrape_collector_success", "node_exporter: Whether a collector succeeded.", MetricType.Gauge);
        foreach (var (name, ok, _) in results)
        {
            writer.WriteSample("node_scrape_collector_success", [new Label("collector", name)], ok ? 1 : 0);
        }
        return output.ToString();
    }

    /// <summary>Serves <c>GET /metrics/host</c>.</summary>
    public ReceiverResponse Handle(ReceiverRequest request)
    {
        if (request.Method is not ("GET" or "HEAD"))
        {
            return ReceiverResponse.Text(405, "method not allowed");
        }
        return new ReceiverResponse(200, ExpositionWriter.ContentType, Encoding.UTF8.GetBytes(Render()));
    }
}
