using Argus.Model.Labels;
using Argus.Storage;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.Tsdb.Tests;

internal static class StorageTestHelpers
{
    public static TsdbOptions Options(string dir) => new()
    {
        Dir = dir,
        CompactionInterval = TimeSpan.Zero,
        RetentionTime = TimeSpan.Zero,
        WalSegmentSize = 64 * 1024,
    };

    public static LabelSet Series(string name, params string[] pairs) =>
        LabelSet.FromPairs([LabelNames.MetricName, name, .. pairs]);

    /// <summary>Appends and commits one sample, returning its status.</summary>
    public static AppendStatus AppendOne(IAppendable storage, LabelSet labels, long t, double v)
    {
        var appender = storage.CreateAppender();
        var series = SeriesRef.None;
        var status = appender.Append(ref series, labels, t, v);
        appender.Commit();
        return status;
    }

    /// <summary>All samples of every selected series as (labels text, t, value bits).</summary>
    public static Dictionary<string, List<(long T, ulong Bits)>> ReadAll(Argus.Storage.IQueryable storage, params LabelMatcher[] matchers)
    {
        using var querier = storage.CreateQuerier(long.MinValue, long.MaxValue);
        var set = querier.Select(true, null, matchers.Length == 0 ? [new LabelMatcher(MatchType.Regex, LabelNames.MetricName, ".+")] : matchers);
        var result = new Dictionary<string, List<(long, ulong)>>();
        ISampleIterator? iterator = null;
        while (set.MoveNext())
        {
            iterator = set.Current.Iterator(iterator);
            var samples = new List<(long, ulong)>();
            while (iterator.Next() == SampleKind.Float)
            {
                samples.Add((iterator.Timestamp, BitConverter.DoubleToUInt64Bits(iterator.Value)));
            }
            Assert.Null(iterator.Error);
            result[set.Current.Labels.ToString()] = samples;
        }
        Assert.Null(set.Error);
        return result;
    }
}
