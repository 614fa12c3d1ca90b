using Argus.Benchmarks.Data;
using Argus.Storage;
using Argus.Tsdb;
using BenchmarkDotNet.Attributes;

namespace Argus.Benchmarks.Tsdb;

/// <summary>
/// Restart time: a data directory holding <see cref="Series"/> active node-exporter-like series (two
/// scrapes each, WAL only, no checkpoint, no blocks) is opened and closed again. The open replays the
/// whole WAL with full durability checks; closing is cheap and included.
/// </summary>
/// <remarks>Run with <c>--filter '*RestartBenchmarks*' --inProcess --job short</c>; the 1 M case needs about
/// 1.5 GB of memory and several minutes of setup on the 2-core machine.</remarks>
[MemoryDiagnoser]
public class RestartBenchmarks
{
    private string _dir = string.Empty;

    [Params(100_000)]
    public int Series { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = new NodeExporterLikeData(Series / (NodeExporterLikeData.MetricNames * 2));
        _dir = Path.Combine(Path.GetTempPath(), "argus-restart-" + Guid.NewGuid().ToString("N"));
        using var db = TsdbStorage.Open(Options(_dir));
        var refs = new SeriesRef[data.Series.Length];
        for (var step = 0; step < 2; step++)
        {
            var appender = db.CreateAppender();
            for (var s = 0; s < data.Series.Length; s++)
            {
                appender.Append(ref refs[s], data.Series[s], data.Timestamp(step, s), data.NextValue(s));
            }
            appender.Commit();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark]
    public long OpenAndClose()
    {
        using var db = TsdbStorage.Open(Options(_dir));
        return db.Stats.HeadSeries;
    }

    private static TsdbOptions Options(string dir) => new() { Dir = dir, CompactionInterval = TimeSpan.Zero, RetentionTime = TimeSpan.Zero };
}
