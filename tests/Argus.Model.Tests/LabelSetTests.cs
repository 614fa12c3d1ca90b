using Argus.Model.Labels;

namespace Argus.Model.Tests;

public class LabelSetTests
{
    [Fact]
    public void Labels_are_sorted_by_name_whatever_the_input_order()
    {
        var set = LabelSet.FromPairs("job", "api", "__name__", "up", "instance", "a:1");
        Assert.Equal(["__name__", "instance", "job"], set.Select(l => l.Name));
        Assert.Equal("up", set.MetricName);
    }

    [Fact]
    public void Empty_values_are_dropped_and_a_repeated_name_keeps_the_last_value()
    {
        var set = LabelSet.FromPairs("a", "1", "b", "", "a", "2");
        Assert.Equal("2", Assert.Single(set).Value);
        Assert.Equal(string.Empty, set.Get("b"));
        Assert.False(set.Has("b"));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(100)]
    public void FromUnpooled_follows_the_same_rules_and_keeps_the_given_strings(int extraLabels)
    {
        // 100 extra labels take the long-list sort, 5 the in-place one; both must keep the last of a repeated name.
        var value = new string('v', 3);
        var labels = new List<Label> { new("zeta", "1"), new("a", value), new("empty", "") };
        for (var i = 0; i < extraLabels; i++)
        {
            labels.Add(new Label("n" + (extraLabels - i).ToString("D3", System.Globalization.CultureInfo.InvariantCulture), "x"));
        }
        labels.Add(new Label("zeta", "2"));
        var pairs = labels.SelectMany(l => new[] { l.Name, l.Value }).ToArray();

        var set = LabelSet.FromUnpooled(labels.ToArray());

        Assert.Equal(LabelSet.FromPairs(pairs), set);
        Assert.Equal("2", set.Get("zeta"));
        Assert.False(set.Has("empty"));
        Assert.Equal(extraLabels + 2, set.Count);
        Assert.Same(value, set.Get("a"));
    }

    [Fact]
    public void FromUnpooled_of_nothing_or_only_empty_values_is_the_empty_set()
    {
        Assert.Same(LabelSet.Empty, LabelSet.FromUnpooled([]));
        Assert.Same(LabelSet.Empty, LabelSet.FromUnpooled([new Label("a", "")]));
    }

    [Fact]
    public void Equal_content_gives_equal_sets_and_equal_stable_hashes()
    {
        var a = LabelSet.FromPairs("x", "1", "y", "2");
        var b = LabelSet.FromPairs("y", "2", "x", "1");
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.StableHash, b.StableHash);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void The_stable_hash_is_fixed_across_processes_and_versions()
    {
        // Persisted values depend on this: changing the hash function is a format change.
        Assert.Equal(14695981039346656037UL, LabelSet.Empty.StableHash);
        var set = LabelSet.FromPairs("a", "b");
        // FNV-1a 64 over UTF-16LE "a", 0xff, "b", 0xfe (computed independently).
        Assert.Equal(0xc40dec977c823f7fUL, set.StableHash);
    }

    [Fact]
    public void Moving_a_character_between_name_and_value_changes_the_hash()
    {
        var a = LabelSet.FromPairs("ab", "c");
        var b = LabelSet.FromPairs("a", "bc");
        Assert.NotEqual(a.StableHash, b.StableHash);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Ordering_compares_label_by_label_then_by_length()
    {
        var a = LabelSet.FromPairs("a", "1");
        var ab = LabelSet.FromPairs("a", "1", "b", "1");
        var a2 = LabelSet.FromPairs("a", "2");
        Assert.True(a.CompareTo(ab) < 0);
        Assert.True(ab.CompareTo(a2) < 0);
        Assert.Equal(0, a.CompareTo(LabelSet.FromPairs("a", "1")));
    }

    [Fact]
    public void ToString_quotes_values_like_Go()
    {
        var set = LabelSet.FromPairs("__name__", "m", "v", "a\"b\\c\nd");
        Assert.Equal("{__name__=\"m\", v=\"a\\\"b\\\\c\\nd\"}", set.ToString());
    }

    [Fact]
    public void A_builder_derives_a_modified_set_without_touching_the_original()
    {
        var original = LabelSet.FromPairs("a", "1", "b", "2");
        var derived = original.ToBuilder().Set("c", "3").Delete("a").Set("b", "").Build();
        Assert.Equal(LabelSet.FromPairs("c", "3"), derived);
        Assert.Equal(2, original.Count);
    }

    [Fact]
    public void Built_strings_are_interned()
    {
        var a = LabelSet.FromPairs(new string('n', 3), new string('v', 5));
        var b = LabelSet.FromPairs(new string('n', 3), new string('v', 5));
        Assert.Same(a[0].Name, b[0].Name);
        Assert.Same(a[0].Value, b[0].Value);
        Assert.Same(a[0].Value, LabelStrings.Intern("vvvvv".AsSpan()));
    }

    [Theory]
    [InlineData("job", true)]
    [InlineData("_x1", true)]
    [InlineData("1x", false)]
    [InlineData("a-b", false)]
    [InlineData("", false)]
    public void Legacy_label_names_follow_the_classic_rule(string name, bool valid) =>
        Assert.Equal(valid, LabelNames.IsValidLegacyName(name));

    [Theory]
    [InlineData("http_requests:rate5m", true)]
    [InlineData(":x", true)]
    [InlineData("0x", false)]
    public void Metric_names_also_allow_colons(string name, bool valid) =>
        Assert.Equal(valid, LabelNames.IsValidLegacyMetricName(name));

    [Fact]
    public void Values_with_unpaired_surrogates_are_invalid()
    {
        Assert.True(LabelNames.IsValidValue("héllo 😀"));
        Assert.False(LabelNames.IsValidValue("bad\ud800"));
        Assert.False(LabelNames.IsValidValue("\udc00bad"));
    }

    [Fact]
    public void Without_drops_the_named_labels_and_keeps_the_rest_in_order()
    {
        var set = LabelSet.FromPairs("__name__", "up", "__type__", "gauge", "job", "api", "zone", "a");
        var stripped = set.Without(["__name__", "__type__", "__unit__"]);
        Assert.Equal(LabelSet.FromPairs("job", "api", "zone", "a"), stripped);
        Assert.Equal(LabelSet.FromPairs("job", "api", "zone", "a").StableHash, stripped.StableHash);
        // Nothing to drop: the same instance comes back.
        Assert.Same(stripped, stripped.Without(["__name__"]));
        Assert.Same(LabelSet.Empty, LabelSet.FromPairs("__name__", "up").Without(["__name__"]));
    }
}
