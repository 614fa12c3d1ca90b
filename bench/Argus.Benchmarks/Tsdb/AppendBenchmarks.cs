using Argus.Benchmarks.Data;
using Argus.Storage;
using Argus.Tsdb;
using BenchmarkDotNet.Attributes;

namespace Argus.Benchmarks.Tsdb;

/// <summary>
/// Appends one scrape of every series (cached series refs, as a scrape loop does) and commits, on one
/// thread and split across all cores. The WAL is written for real to a temp directory.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CpuTimeColumn.Config))]
public class AppendBenchmarks
{
    private const int Instances = 50;
    private NodeExporterLikeData _data = null!;
    private TsdbStorage _db = null!;
    private SeriesRef[] _refs = [];
    private string _dir = string.Empty;
    private int _step;

    [GlobalSetup]
    public void Setup()
    {
        _data = new NodeExporterLikeData(Instances);
        _dir = Path.Combine(Path.GetTempPath(), "argus-bench-" + Guid.NewGuid().ToString("N"));
        _db = TsdbStorage.Open(new TsdbOptions { Dir = _dir, CompactionInterval = TimeSpan.Zero, RetentionTime = TimeSpan.Zero });
        _refs = new SeriesRef[_data.Series.Length];
        ScrapeRange(0, _data.Series.Length);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _db.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Samples per invocation: one scrape of every series.</summary>
    public int SamplesPerScrape => _data.Series.Length;

    [Benchmark(OperationsPerInvoke = Instances * NodeExporterLikeData.MetricNames * 2)]
    public void AppendOneThread()
    {
        var cpu = CpuTime.ProcessNanoseconds();
        ScrapeRange(0, _data.Series.Length);
        CpuTime.Record(CpuTimeColumn.Key(nameof(AppendOneThread)), CpuTime.ProcessNanoseconds() - cpu, _data.Series.Length);
    }

    [Benchmark(OperationsPerInvoke = Instances * NodeExporterLikeData.MetricNames * 2)]
    public void AppendAllCores()
    {
        var cpu = CpuTime.ProcessNanoseconds();
        _step++;
        var perTarget = NodeExporterLikeData.MetricNames * 2;
        Parallel.For(0, Instances, instance => Scrape(instance * perTarget, perTarget, _step));
        CpuTime.Record(CpuTimeColumn.Key(nameof(AppendAllCores)), CpuTime.ProcessNanoseconds() - cpu, _data.Series.Length);
    }

    private void ScrapeRange(int from, int count)
    {
        _step++;
        Scrape(from, count, _step);
    }

    private void Scrape(int from, int count, int step)
    {
        var appender = _db.CreateAppender();
        for (var s = from; s < from + count; s++)
        {
            // Values are derived from the step so parallel scrapers need no shared random state.
            appender.Append(ref _refs[s], _data.Series[s], _data.Timestamp(step, s), step * 0.01 * (s % 7));
        }
        appender.Commit();
    }
}
