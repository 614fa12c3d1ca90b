using Argus.LoadTool.Data;
using Argus.Model.Labels;
using Argus.PromQL.Engine;
using Argus.Storage;
using Argus.Tsdb;
using BenchmarkDotNet.Attributes;

namespace Argus.Benchmarks.PromQL;

/// <summary>
/// The dashboard range queries of <c>bench/compare.sh</c> (1 h range at 60 s step) evaluated by the engine
/// directly against a TSDB head holding the comparison's node-exporter-like data set: 5 000 series with
/// 240 samples each at 15 s (one hour), so every window of the range is full. Measures the engine and the
/// head's select path without HTTP and JSON.
/// </summary>
[MemoryDiagnoser]
public class DashboardRangeQueryBenchmarks
{
    private const int SeriesCount = 5_000;
    private const int Samples = 240;
    private const long IntervalMs = 15_000;
    private const long StepMs = 60_000;
    private const long EndMs = 1_800_000_000_000;

    private readonly PromqlEngine _engine = new();
    private TsdbStorage _db = null!;
    private string _dir = string.Empty;
    private long _start;
    private long _end;

    [GlobalSetup]
    public void Setup()
    {
        var data = new NodeLikeDataSet(SeriesCount, Samples, IntervalMs, EndMs);
        _dir = Path.Combine(Path.GetTempPath(), "argus-bench-promql-" + Guid.NewGuid().ToString("N"));
        _db = TsdbStorage.Open(new TsdbOptions { Dir = _dir, CompactionInterval = TimeSpan.Zero, RetentionTime = TimeSpan.Zero });
        var labels = new LabelSet[data.Series.Length];
        for (var s = 0; s < labels.Length; s++)
        {
            labels[s] = LabelSet.FromPairs(data.Series[s].LabelPairs);
        }
        var refs = new SeriesRef[labels.Length];
        for (var step = 0; step < Samples; step++)
        {
            var appender = _db.CreateAppender();
            for (var s = 0; s < labels.Length; s++)
            {
                appender.Append(ref refs[s], labels[s], data.Timestamp(s, step), data.NextValue(s, step));
            }
            appender.Commit();
        }
        // The query range ends on the minute after the last sample, like compare.sh's.
        _end = (data.LastTimestampMs / StepMs * StepMs) + StepMs;
        _start = _end - 3_600_000;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _db.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark]
    public int Rate() => Run("rate(node_cpu_seconds_total[5m])");

    [Benchmark]
    public int SumByInstanceRate() => Run("sum by (instance) (rate(node_cpu_seconds_total{mode!=\"idle\"}[5m]))");

    [Benchmark]
    public int HistogramQuantile() => Run("histogram_quantile(0.9, sum by (le) (rate(node_http_request_duration_seconds_bucket[5m])))");

    [Benchmark]
    public int Topk() => Run("topk(5, node_memory_field3_bytes)");

    [Benchmark]
    public int RegexSelector() => Run("node_filesystem_field1_bytes{device=~\"sd[ab]\"}");

    [Benchmark]
    public int AvgOverTime() => Run("avg_over_time(node_memory_field7_bytes[10m])");

    [Benchmark]
    public int CountByDevice() => Run("count by (device) (node_network_op2_total)");

    [Benchmark]
    public int LabelReplace() => Run("label_replace(node_event4_total, \"host\", \"$1\", \"instance\", \"(.*):9100\")");

    private int Run(string query)
    {
        var result = _engine.EvaluateRange(_db, query, _start, _end, StepMs);
        var points = 0;
        foreach (var series in result.Matrix)
        {
            points += series.Points.Count;
        }
        return points;
    }
}
