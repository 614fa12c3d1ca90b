using Argus.Scrape.Parsing;
using Argus.Scrape.Scraping;
using BenchmarkDotNet.Attributes;

namespace Argus.Benchmarks.Scrape;

/// <summary>
/// What the per-target metadata cache adds to a steady-state scrape of the node-exporter-like body (every family
/// has HELP and TYPE lines): the same parse without and with the cache seeing those lines. With metadata
/// unchanged since the last scrape, the cache must add no allocation.
/// </summary>
[MemoryDiagnoser]
public class MetadataCacheBenchmarks
{
    private static readonly byte[] TextBody = NodeExporterBody.Create(openMetrics: false);
    private readonly ScrapeMetadataCache _cache = new();

    [GlobalSetup]
    public void WarmCache() => Parse(observe: true);

    [Benchmark(Baseline = true, OperationsPerInvoke = NodeExporterBody.SeriesCount)]
    public int ParseOnly() => Parse(observe: false);

    [Benchmark(OperationsPerInvoke = NodeExporterBody.SeriesCount)]
    public int ParseWithMetadataCache() => Parse(observe: true);

    private int Parse(bool observe)
    {
        var parser = new ExpositionParser(TextBody, ExpositionFormat.PrometheusText);
        var count = 0;
        ExpositionEntry entry;
        while ((entry = parser.Next()) != ExpositionEntry.End)
        {
            if (entry == ExpositionEntry.Series)
            {
                count++;
            }
            else if (observe)
            {
                _cache.Observe(ref parser, entry);
            }
        }
        if (observe)
        {
            _cache.CompleteScrape();
        }
        return count;
    }
}
