using Argus.Benchmarks.Data;
using Argus.LoadTool.Data;
using Argus.Model.Labels;
using Argus.Storage;
using Xunit.Abstractions;
using static Argus.Tsdb.Tests.StorageTestHelpers;

namespace Argus.Tsdb.Tests;

/// <summary>
/// Head memory per active series, measured as the growth of the managed heap (after full collections)
/// while series are created and filled with one full chunk (120 samples at 15 s, half an hour) of
/// realistic values. Label sets are built inside the measured region, because the head keeps them; the
/// label strings are interned before it, as a running server's pool already holds them.
/// </summary>
[Collection(HeapMeasurementCollection.Name)]
public class MemoryFootprintTests(ITestOutputHelper output)
{
    private const int SeriesCount = 20_000;
    private const int SamplesPerSeries = 120;

    [Fact]
    public void An_active_series_of_the_comparison_data_set_with_a_full_chunk_costs_at_most_one_kibibyte()
    {
        // The load tool's data set, which bench/compare.sh sends to Argus, Prometheus and VictoriaMetrics.
        var data = new NodeLikeDataSet(SeriesCount, SamplesPerSeries, 15_000, 1_700_000_000_000);
        var perSeries = Measure(
            s => LabelSet.FromPairs(data.Series[s].LabelPairs),
            (s, step) => (data.Timestamp(s, step), data.NextValue(s, step)));
        output.WriteLine($"head memory per series, load tool data set, {SamplesPerSeries} samples each: {perSeries:F0} bytes");
        Assert.InRange(perSeries, 200, 1024);
    }

    [Fact]
    public void An_active_series_of_the_benchmark_generator_with_a_full_chunk_stays_near_one_kibibyte()
    {
        // A quarter of this generator's series are full-precision random floats (≈ 8 bytes per sample in
        // any lossless encoding, so ≈ 1 KB of chunk alone); the bound is looser for that reason.
        var data = new NodeExporterLikeData(SeriesCount / (NodeExporterLikeData.MetricNames * 2));
        var perSeries = Measure(
            s => LabelSet.FromPairs([.. data.Series[s].AsSpan().ToArray().SelectMany(l => new[] { l.Name, l.Value })]),
            (s, step) => (data.Timestamp(step, s), data.NextValue(s)));
        output.WriteLine($"head memory per series, benchmark generator, {SamplesPerSeries} samples each: {perSeries:F0} bytes");
        Assert.InRange(perSeries, 200, 1400);
    }

    private static double Measure(Func<int, LabelSet> labels, Func<int, int, (long T, double V)> sample)
    {
        // Intern the label strings and warm the appender's pooled batch lists and WAL buffers with a batch of
        // the same size in another database, so only what the measured head holds is counted.
        var labelSets = new LabelSet[SeriesCount];
        for (var s = 0; s < SeriesCount; s++)
        {
            labelSets[s] = labels(s);
        }
        using (var warmDir = new TempDir())
        using (var warm = TsdbStorage.Open(Options(warmDir.Path)))
        {
            var refs = new SeriesRef[SeriesCount];
            var appender = warm.CreateAppender();
            for (var s = 0; s < SeriesCount; s++)
            {
                appender.Append(ref refs[s], labelSets[s], 0, 0);
            }
            appender.Commit();
        }
        // Built again inside the measured region: the head keeps these.
        Array.Clear(labelSets);
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(Options(dir.Path) with { WalSegmentSize = 1 << 30 });
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var seriesRefs = new SeriesRef[SeriesCount];
        for (var step = 0; step < SamplesPerSeries; step++)
        {
            var appender = db.CreateAppender();
            for (var s = 0; s < SeriesCount; s++)
            {
                var (t, v) = sample(s, step);
                var status = appender.Append(ref seriesRefs[s], step == 0 ? labels(s) : null!, t, v);
                Assert.Equal(AppendStatus.Ok, status);
            }
            appender.Commit();
        }
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(db);
        GC.KeepAlive(seriesRefs);
        // The caller's own ref array is not head memory.
        return (after - before - (SeriesCount * sizeof(ulong))) / (double)SeriesCount;
    }
}
