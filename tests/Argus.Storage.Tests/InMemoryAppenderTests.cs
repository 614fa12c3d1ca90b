using Argus.Model.Labels;
using Argus.Storage.InMemory;

namespace Argus.Storage.Tests;

public class InMemoryAppenderTests
{
    [Fact]
    public void A_ref_from_an_earlier_appender_still_names_its_series()
    {
        // The rule group keeps the refs of what it wrote and passes them to the next evaluation's
        // appender, which may already have staged other series.
        var storage = new InMemoryStorage();
        var a = LabelSet.FromPairs("__name__", "m", "i", "a");
        var b = LabelSet.FromPairs("__name__", "m", "i", "b");
        var first = storage.CreateAppender();
        var refA = SeriesRef.None;
        var refB = SeriesRef.None;
        first.Append(ref refA, a, 1000, 1);
        first.Append(ref refB, b, 1000, 2);
        first.Commit();
        var second = storage.CreateAppender();
        foreach (var name in new[] { "x", "y" })
        {
            var other = SeriesRef.None;
            second.Append(ref other, LabelSet.FromPairs("__name__", name), 2000, 9);
        }
        var again = refB;
        Assert.Equal(AppendStatus.Ok, second.Append(ref again, b, 2000, 3));
        Assert.Equal(refB, again);
        second.Commit();
        using var querier = storage.CreateQuerier(0, 5000);
        var set = querier.Select(true, null, LabelMatcher.Equal("__name__", "m"));
        var values = new Dictionary<string, List<double>>();
        while (set.MoveNext())
        {
            var iterator = set.Current.Iterator();
            var list = values[set.Current.Labels.Get("i")] = [];
            while (iterator.Next() == SampleKind.Float)
            {
                list.Add(iterator.Value);
            }
        }
        Assert.Equal([1.0], values["a"]);
        Assert.Equal([2.0, 3.0], values["b"]);
    }
}
