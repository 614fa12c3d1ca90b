using Argus.Model.Labels;
using Argus.Scrape.Parsing;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Argus.Benchmarks.Scrape;

/// <summary>Exposition parser throughput on a 10 000-series node-exporter-like body: the steady state (spans
/// only, as a cached scrape does) and the cold path that materialises every label set.</summary>
[MemoryDiagnoser]
[Config(typeof(ParserBenchmarkConfig))]
public class ParserBenchmarks
{
    private static readonly byte[] TextBody = NodeExporterBody.Create(openMetrics: false);
    private static readonly byte[] OpenMetricsBody = NodeExporterBody.Create(openMetrics: true);
    private readonly HashSet<ulong> _families = [];
    private readonly LabelSetBuilder _builder = new();

    [Benchmark(OperationsPerInvoke = NodeExporterBody.SeriesCount)]
    public int TextSteadyState() => Parse(TextBody, ExpositionFormat.PrometheusText, materialise: false);

    [Benchmark(OperationsPerInvoke = NodeExporterBody.SeriesCount)]
    public int OpenMetricsSteadyState() => Parse(OpenMetricsBody, ExpositionFormat.OpenMetrics, materialise: false);

    [Benchmark(OperationsPerInvoke = NodeExporterBody.SeriesCount)]
    public int TextWithLabelSets() => Parse(TextBody, ExpositionFormat.PrometheusText, materialise: true);

    private int Parse(byte[] body, ExpositionFormat format, bool materialise)
    {
        var parser = new ExpositionParser(body, format, _families);
        var count = 0;
        ExpositionEntry entry;
        while ((entry = parser.Next()) != ExpositionEntry.End)
        {
            if (entry == ExpositionEntry.Series)
            {
                count++;
                if (materialise)
                {
                    _builder.Reset();
                    parser.CopyLabels(_builder);
                    _builder.Build();
                }
            }
        }
        return count;
    }

    private sealed class ParserBenchmarkConfig : ManualConfig
    {
        public ParserBenchmarkConfig()
        {
            AddColumn(ThroughputColumn.SamplesPerSecond);
            AddColumn(ThroughputColumn.MegabytesPerSecond((double)TextBody.Length / NodeExporterBody.SeriesCount));
        }
    }
}
