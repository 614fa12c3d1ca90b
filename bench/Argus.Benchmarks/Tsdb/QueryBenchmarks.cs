using Argus.Benchmarks.Data;
using Argus.Model.Labels;
using Argus.Storage;
using Argus.Tsdb;
using BenchmarkDotNet.Attributes;

namespace Argus.Benchmarks.Tsdb;

/// <summary>Postings intersection and a select of 10 000 series over two hours of 15 s samples.</summary>
[MemoryDiagnoser]
public class QueryBenchmarks
{
    private const int Instances = 50;
    private const int Steps = 480; // two hours at 15 s
    private TsdbStorage _db = null!;
    private string _dir = string.Empty;
    private readonly LabelMatcher[] _all = [LabelMatcher.Equal("job", "node")];
    private readonly LabelMatcher[] _intersect = [LabelMatcher.Equal("job", "node"), new(Argus.Model.Labels.MatchType.Regex, "instance", "host-00[0-2].*"), LabelMatcher.Equal("device", "dev1")];

    [GlobalSetup]
    public void Setup()
    {
        var data = new NodeExporterLikeData(Instances);
        _dir = Path.Combine(Path.GetTempPath(), "argus-bench-" + Guid.NewGuid().ToString("N"));
        _db = TsdbStorage.Open(new TsdbOptions { Dir = _dir, CompactionInterval = TimeSpan.Zero, RetentionTime = TimeSpan.Zero });
        var refs = new SeriesRef[data.Series.Length];
        for (var step = 0; step < Steps; step++)
        {
            var appender = _db.CreateAppender();
            for (var s = 0; s < data.Series.Length; s++)
            {
                appender.Append(ref refs[s], data.Series[s], data.Timestamp(step, s), data.NextValue(s));
            }
            appender.Commit();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _db.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark]
    public int PostingsIntersection()
    {
        using var querier = _db.CreateQuerier(long.MinValue, long.MaxValue);
        var set = querier.Select(false, null, _intersect);
        var n = 0;
        while (set.MoveNext())
        {
            n++;
        }
        return n;
    }

    [Benchmark]
    public double Select10kSeriesOver2h()
    {
        using var querier = _db.CreateQuerier(long.MinValue, long.MaxValue);
        var set = querier.Select(false, null, _all);
        ISampleIterator? iterator = null;
        var sum = 0.0;
        while (set.MoveNext())
        {
            iterator = set.Current.Iterator(iterator);
            while (iterator.Next() == SampleKind.Float)
            {
                sum += iterator.Value;
            }
        }
        return sum;
    }
}
