using Argus.Model;
using Argus.Model.Labels;
using Argus.Storage;
using Argus.Storage.InMemory;

namespace Argus.PromQL.Tests;

public sealed class InMemoryStorageTests
{
    [Fact]
    public void Out_of_order_appends_are_kept_sorted_and_duplicates_replace()
    {
        var storage = new InMemoryStorage();
        var appender = storage.CreateAppender();
        var labels = LabelSet.FromPairs("__name__", "m");
        var series = SeriesRef.None;
        appender.Append(ref series, labels, 3000, 3);
        appender.Append(ref series, labels, 1000, 1);
        appender.Append(ref series, labels, 2000, 2);
        appender.Append(ref series, labels, 2000, 20);
        appender.Append(ref series, labels, 4000, StaleNaN.Value);
        appender.Commit();

        using var querier = storage.CreateQuerier(1500, 4000);
        var set = querier.Select(true, null, LabelMatcher.Equal("__name__", "m"));
        Assert.True(set.MoveNext());
        var it = set.Current.Iterator();
        var seen = new List<(long, double)>();
        while (it.Next() == SampleKind.Float)
        {
            seen.Add((it.Timestamp, it.Value));
        }
        Assert.Equal([(2000L, 20.0), (3000L, 3.0)], seen.Take(2));
        Assert.True(StaleNaN.Is(seen[2].Item2));
        Assert.False(set.MoveNext());
    }

    [Fact]
    public void Select_requires_a_matcher_that_rejects_the_empty_string()
    {
        var storage = new InMemoryStorage();
        using var querier = storage.CreateQuerier(0, 10);
        Assert.Throws<ArgumentException>(() => querier.Select(false, null, new LabelMatcher(Model.Labels.MatchType.Regex, "a", ".*")));
    }

    [Fact]
    public void Seek_never_moves_backwards()
    {
        var storage = new InMemoryStorage();
        var appender = storage.CreateAppender();
        var series = SeriesRef.None;
        for (var i = 0; i < 10; i++)
        {
            appender.Append(ref series, LabelSet.FromPairs("__name__", "m"), i * 10, i);
        }
        appender.Commit();
        using var querier = storage.CreateQuerier(0, 100);
        var set = querier.Select(false, null, LabelMatcher.Equal("__name__", "m"));
        set.MoveNext();
        var it = set.Current.Iterator();
        Assert.Equal(SampleKind.Float, it.Seek(55));
        Assert.Equal(60, it.Timestamp);
        Assert.Equal(SampleKind.Float, it.Seek(10));
        Assert.Equal(60, it.Timestamp);
        Assert.Equal(SampleKind.None, it.Seek(1000));
    }
}
