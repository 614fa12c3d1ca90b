using Argus.Config;
using Argus.Config.Relabeling;
using Argus.Model.Labels;
using BenchmarkDotNet.Attributes;

namespace Argus.Benchmarks.Scrape;

/// <summary>Metric relabeling throughput with a typical rule set (drop by name regex, labelmap, replace).</summary>
[MemoryDiagnoser]
public class RelabelBenchmarks
{
    private const int Series = 1000;
    private LabelSet[] _series = [];
    private IReadOnlyList<RelabelConfig> _rules = [];

    [GlobalSetup]
    public void Setup()
    {
        _series = Enumerable.Range(0, Series)
            .Select(i => LabelSet.FromPairs("__name__", i % 10 == 0 ? "go_gc_duration_seconds" : "node_cpu_seconds_total",
                "cpu", (i / 8).ToString(System.Globalization.CultureInfo.InvariantCulture), "mode", "idle", "instance", "host:9100", "job", "node"))
            .ToArray();
        _rules = PrometheusConfigLoader.Load("""
            scrape_configs:
              - job_name: bench
                static_configs: [{targets: ['a:1']}]
                metric_relabel_configs:
                  - source_labels: [__name__]
                    regex: go_.*
                    action: drop
                  - source_labels: [instance]
                    regex: '([^:]+):.*'
                    target_label: host
                  - regex: mode
                    action: labeldrop
            """, "bench.yml").ScrapeConfigs[0].MetricRelabelConfigs;
    }

    [Benchmark(OperationsPerInvoke = Series)]
    public int Relabel()
    {
        var kept = 0;
        foreach (var labels in _series)
        {
            if (Relabeler.Process(labels, _rules) is not null)
            {
                kept++;
            }
        }
        return kept;
    }
}
