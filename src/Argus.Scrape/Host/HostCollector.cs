using System.Diagnostics;
using System.Globalization;
using System.Text;
using Argus.Instrumentation.Exposition;
using Argus.Instrumentation.Metrics;
using Argus.Model.Labels;
using Argus.Scrape.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Scrape.Host;

/// <summary>
/// Argus's built-in node exporter: host metrics read from /proc and /sys under node_exporter's metric names
/// and labels, so existing dashboards work. Served at <c>/metrics/host</c> by the server, and at <c>/metrics</c>
/// by <c>argus agent --host-collector</c>, which registers it with its metrics registry.
/// Each sub-collector succeeds or fails on its own, reported as <c>node_scrape_collector_success</c> and
/// <c>node_scrape_collector_duration_seconds</c> like node_exporter does; a failed collector's partial output
/// is discarded so a family is never half written.
/// </summary>
/// <remarks>Thread-safe: each call renders into its own buffers.</remarks>
public sealed class HostCollector : IMetricsCollector
{
    private readonly HostPaths _paths;
    private readonly IReadOnlyList<IHostMetricSource> _sources;
    private readonly ILogger _logger;

    /// <param name="logger">Told about each failed sub-collector at every scrape, as node_exporter logs them.</param>
    public HostCollector(HostPaths? paths = null, TimeProvider? time = null, ILogger? logger = null)
    {
        _paths = paths ?? new HostPaths();
        _logger = logger ?? NullLogger.Instance;
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
        var output = new StringWriter(new StringBuilder(64 * 1024), CultureInfo.InvariantCulture);
        WriteTo(new ExpositionWriter(output));
        return output.ToString();
    }

    /// <summary>Writes every sub-collector's families that succeeded, then the per-collector success and duration.</summary>
    public void WriteTo(ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var results = new List<(string Name, bool Ok, double Seconds)>();
        foreach (var source in _sources)
        {
            var partial = new StringWriter(CultureInfo.InvariantCulture);
            var watch = Stopwatch.StartNew();
            bool ok;
            try
            {
                source.Collect(new ExpositionWriter(partial), _paths);
                ok = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                _logger.LogError("collector failed: name={collector} duration_seconds={seconds} err={err}", source.Name, watch.Elapsed.TotalSeconds, e.Message);
                ok = false;
            }
            if (ok)
            {
                writer.WriteRendered(partial.GetStringBuilder());
            }
            results.Add((source.Name, ok, watch.Elapsed.TotalSeconds));
        }
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
