using Argus.Instrumentation.Exposition;

namespace Argus.Scrape.Host;

/// <summary>One node_exporter-style collector (cpu, meminfo, ...). It writes whole metric families; a failure
/// (missing file, unparsable line) throws and is reported through <c>node_scrape_collector_success</c>.</summary>
internal interface IHostMetricSource
{
    /// <summary>The node_exporter collector name, used as the <c>collector</c> label.</summary>
    string Name { get; }

    void Collect(ExpositionWriter writer, HostPaths paths);
}
