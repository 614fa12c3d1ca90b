using Argus.Benchmarks.Data;
using Argus.Storage;
using Argus.Tsdb;
using BenchmarkDotNet.Attributes;

namespace Argus.Benchmarks.Tsdb;

/// <summary>
/// Restart time: a data directory holding <see cref="SeriesCount"/> active node-exporter-like series
/// (<see cref="Shape"/> says how) is opened and closed again. The open replays checkpoint and WAL with
/// full durability checks (CRC of every record); closing is cheap and included.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CpuTimeColumn.Config))]
public abstract class RestartBenchmarkBase
{
    private const int WalScrapes = 2;
    private string _dir = string.Empty;

    [Params(RestartShape.WalOnly, RestartShape.CheckpointAndWal)]
    public RestartShape Shape { get; set; }

    protected abstract int SeriesCount { get; }

    [GlobalSetup]
    public void Setup()
    {
        var data = new NodeExporterLikeData(SeriesCount / (NodeExporterLikeData.MetricNames * 2));
        _dir = Path.Combine(Path.GetTempPath(), "argus-restart-" + Guid.NewGuid().ToString("N"));
        using var db = TsdbStorage.Open(Options(_dir));
        var refs = new SeriesRef[data.Series.Length];
        var step = 0;
        void Scrape()
        {
            var appender = db.CreateAppender();
            for (var s = 0; s < data.Series.Length; s++)
            {
                appender.Append(ref refs[s], data.Series[s], data.Timestamp(step, s), data.NextValue(s));
            }
            appender.Commit();
            step++;
        }
        if (Shape == RestartShape.CheckpointAndWal)
        {
            while (step < 120)
            {
                Scrape();
            }
            db.Checkpoint();
        }
        for (var i = 0; i < WalScrapes; i++)
        {
            Scrape();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark]
    public long OpenAndClose()
    {
        var cpu = CpuTime.ProcessNanoseconds();
        long series;
        using (var db = TsdbStorage.Open(Options(_dir)))
        {
            series = db.Stats.HeadSeries;
        }
        CpuTime.Record(CpuTimeColumn.Key(nameof(OpenAndClose), Shape), CpuTime.ProcessNanoseconds() - cpu, 1);
        return series;
    }

    private static TsdbOptions Options(string dir) => new() { Dir = dir, CompactionInterval = TimeSpan.Zero, RetentionTime = TimeSpan.Zero };
}
