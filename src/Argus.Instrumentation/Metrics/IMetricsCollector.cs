using Argus.Instrumentation.Exposition;

namespace Argus.Instrumentation.Metrics;

/// <summary>
/// A source of whole metric families computed at scrape time, such as the host collector, which reads
/// /proc on every scrape and decides only then which families and series exist. Registered with
/// <see cref="MetricsRegistry.RegisterCollector"/>, as node_exporter registers its collectors with
/// Go's registry next to the process metrics.
/// </summary>
public interface IMetricsCollector
{
    /// <summary>Writes complete families (header and samples). Called concurrently by parallel scrapes.</summary>
    void WriteTo(ExpositionWriter writer);
}
