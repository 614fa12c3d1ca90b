using Argus.Web.Api.Json;
using BenchmarkDotNet.Attributes;

namespace Argus.Benchmarks.PromQL;

/// <summary>
/// Writing the points of a range query answer as Prometheus JSON (<c>[1795326720,"3.5912280701754384"]</c>):
/// 640 series × 61 steps, the size of <c>rate(node_cpu_seconds_total[5m])</c> in the 5 000-series comparison.
/// Over HTTP that answer took ~10× the engine's time, so the per-point formatting cost matters.
/// </summary>
[MemoryDiagnoser]
public class QueryResponseJsonBenchmarks
{
    private const int Points = 640 * 61;
    private readonly long[] _timestamps = new long[Points];
    private readonly double[] _values = new double[Points];

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < Points; i++)
        {
            _timestamps[i] = 1_795_326_720_000L + ((i % 61) * 60_000L);
            // Rates with full-precision digits, like a counter's extrapolated per-second increase.
            _values[i] = (i * 7919 % 1000) / 57.0;
        }
    }

    [Benchmark]
    public int WritePoints()
    {
        using var writer = new GoJsonWriter();
        writer.StartArray();
        for (var i = 0; i < Points; i++)
        {
            writer.StartArray();
            PromJsonValues.WriteTimestamp(writer, _timestamps[i]);
            PromJsonValues.WriteValue(writer, _values[i]);
            writer.EndArray();
        }
        writer.EndArray();
        return writer.Written.Length;
    }
}
