using Argus.Instrumentation.Exposition;
using Argus.Instrumentation.Metrics;

namespace Argus.Instrumentation.Tests;

/// <summary>A collector whose only series counts how often it was asked to write, to show it runs per scrape.</summary>
internal sealed class CountingCollector : IMetricsCollector
{
    private int _writes;

    public void WriteTo(ExpositionWriter writer)
    {
        var writes = Interlocked.Increment(ref _writes);
        writer.WriteFamilyHeader("node_scrapes", "", MetricType.Counter);
        writer.WriteSample("node_scrapes", [], writes);
    }
}
