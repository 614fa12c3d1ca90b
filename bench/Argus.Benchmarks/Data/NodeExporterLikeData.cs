using Argus.Model.Labels;

namespace Argus.Benchmarks.Data;

/// <summary>
/// Deterministic node-exporter-like series and samples for benchmarks and the load tool: about 100
/// metric names over many instances, mixing integer counters, 0.01-step counters, 4096-multiple byte
/// gauges and float noise, scraped every 15 s with a few milliseconds of jitter.
/// </summary>
/// <remarks>Not thread-safe; create one per producer. The same seed always yields the same data.</remarks>
public sealed class NodeExporterLikeData
{
    public const int MetricNames = 100;
    public const long ScrapeIntervalMs = 15_000;

    private readonly Random _random;
    private readonly double[] _state;

    /// <param name="instances">Number of scraped hosts.</param>
    /// <param name="seriesPerMetric">Label variants (cpu, device, mode) per metric and host.</param>
    public NodeExporterLikeData(int instances, int seriesPerMetric = 2, int seed = 42)
    {
        _random = new Random(seed);
        var series = new List<LabelSet>(instances * MetricNames * seriesPerMetric);
        var kinds = new List<ValueKind>(series.Capacity);
        for (var i = 0; i < instances; i++)
        {
            var instance = $"host-{i:D4}:9100";
            for (var m = 0; m < MetricNames; m++)
            {
                var kind = (ValueKind)(m % 4);
                var name = kind switch
                {
                    ValueKind.IntegerCounter => $"node_net_packets_{m}_total",
                    ValueKind.CentiCounter => $"node_cpu_seconds_{m}_total",
                    ValueKind.PageGauge => $"node_memory_{m}_bytes",
                    _ => $"node_hwmon_temp_{m}_celsius",
                };
                for (var v = 0; v < seriesPerMetric; v++)
                {
                    series.Add(LabelSet.FromPairs(LabelNames.MetricName, name, "instance", instance, "job", "node", "device", "dev" + v));
                    kinds.Add(kind);
                }
            }
        }
        Series = [.. series];
        Kinds = [.. kinds];
        _state = new double[Series.Length];
        for (var s = 0; s < _state.Length; s++)
        {
            _state[s] = Kinds[s] switch
            {
                ValueKind.IntegerCounter => _random.Next(0, 1_000_000),
                ValueKind.CentiCounter => Math.Round(_random.NextDouble() * 10_000, 2),
                ValueKind.PageGauge => _random.Next(1, 4_000_000) * 4096.0,
                _ => 40 + (_random.NextDouble() * 20),
            };
        }
    }

    public LabelSet[] Series { get; }

    public ValueKind[] Kinds { get; }

    /// <summary>Timestamp of scrape <paramref name="step"/> for <paramref name="seriesIndex"/>, with jitter.</summary>
    public long Timestamp(int step, int seriesIndex) => 1_700_000_000_000L + (step * ScrapeIntervalMs) + ((seriesIndex * 7 + step * 3) % 5);

    /// <summary>Advances and returns the next value of one series.</summary>
    public double NextValue(int seriesIndex)
    {
        var current = _state[seriesIndex];
        var next = Kinds[seriesIndex] switch
        {
            ValueKind.IntegerCounter => current + _random.Next(0, 500),
            ValueKind.CentiCounter => Math.Round(current + (_random.Next(0, 1500) * 0.01), 2),
            ValueKind.PageGauge => Math.Max(4096, current + (_random.Next(-64, 65) * 4096.0)),
            _ => 40 + (_random.NextDouble() * 20),
        };
        _state[seriesIndex] = next;
        return next;
    }
}
