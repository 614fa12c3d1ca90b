using Argus.Config.Yaml;

namespace Argus.Config.Tests.Yaml;

public class YamlMapTests
{
    private static YamlMap Root(string yaml, string type = "config.T") =>
        YamlSource.Parse(yaml, "test.yml") is { Root: { } root } source ? source.Map(root, type) : throw new InvalidOperationException("empty");

    [Fact]
    public void An_unknown_key_is_an_error_naming_file_line_column_field_and_type()
    {
        var map = Root("a: 1\nbogus: 2\n", "config.Thing");
        Assert.Equal(1, map.Int32("a"));
        var e = Assert.Throws<ConfigException>(map.EnsureAllRead);
        Assert.Equal("test.yml:2:1: field bogus not found in type config.Thing", e.Message);
        Assert.Equal(("test.yml", 2, 1), (e.FileName, e.Line, e.Column));
    }

    [Fact]
    public void A_duplicate_key_is_an_error_with_its_place()
    {
        var e = Assert.Throws<ConfigException>(() => Root("a: 1\nb: 2\na: 3\n"));
        Assert.Equal(3, e.Line);
        Assert.StartsWith("test.yml:3:1:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_names_the_place()
    {
        var e = Assert.Throws<ConfigException>(() => YamlSource.Parse("a: b: c\nd: e\n", "bad.yml"));
        Assert.Equal("bad.yml", e.FileName);
        Assert.True(e.Line > 0);
        Assert.StartsWith("bad.yml:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_and_null_values_mean_unset()
    {
        var map = Root("a:\nb: null\nc: ~\nd: ''\n");
        Assert.Null(map.String("a"));
        Assert.Null(map.Int32("b"));
        Assert.Equal(TimeSpan.FromSeconds(5), map.Duration("c", TimeSpan.FromSeconds(5)));
        Assert.Equal(string.Empty, map.String("d"));
        map.EnsureAllRead();
    }

    [Fact]
    public void An_empty_document_has_no_root()
    {
        Assert.Null(YamlSource.Parse("", "e.yml").Root);
        Assert.Null(YamlSource.Parse("# only a comment\n", "e.yml").Root);
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_resolve()
    {
        var map = Root("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\nlist: [*b]\n");
        map.Ignore("base");
        var other = map.Map("other", "config.O")!;
        Assert.Equal(1, other.Int32("x"));
        Assert.Equal(3, other.Int32("y"));
        other.EnsureAllRead();
        var list = map.List("list", "[]config.O", n => map.Source.Map(n, "config.O"));
        Assert.Equal(2, list[0].Int32("y"));
        map.EnsureAllRead();
    }

    [Fact]
    public void A_type_error_names_the_place_and_the_value()
    {
        var map = Root("a: hello\nb: [1]\n");
        var e = Assert.Throws<ConfigException>(() => map.Int32("a"));
        Assert.Equal("test.yml:1:4: cannot unmarshal !!str `hello` into int", e.Message);
        var e2 = Assert.Throws<ConfigException>(() => map.String("b"));
        Assert.Equal("test.yml:2:4: cannot unmarshal !!seq into string", e2.Message);
    }

    [Fact]
    public void A_bad_duration_is_an_error_at_the_value()
    {
        var map = Root("interval: 1.5m\n");
        var e = Assert.Throws<ConfigException>(() => map.Duration("interval"));
        Assert.Equal(1, e.Line);
        Assert.Equal(11, e.Column);
        Assert.Contains("not a valid duration string", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Durations_use_prometheus_syntax()
    {
        var map = Root("a: 1m30s\nb: 2w\nc: 0\n");
        Assert.Equal(TimeSpan.FromSeconds(90), map.Duration("a"));
        Assert.Equal(TimeSpan.FromDays(14), map.Duration("b"));
        Assert.Equal(TimeSpan.Zero, map.Duration("c"));
    }

    [Fact]
    public void A_bad_regex_is_an_error_at_the_value()
    {
        var map = Root("regex: 'a(b'\n");
        var e = Assert.Throws<ConfigException>(() => map.Regex("regex"));
        Assert.Equal(1, e.Line);
        Assert.Contains("error parsing regexp", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_label_name_is_an_error()
    {
        var map = Root("a: 'foo-bar'\nb: 'ok_name'\n");
        var e = Assert.Throws<ConfigException>(() => map.LabelName("a", allowUtf8: false));
        Assert.Equal("test.yml:1:4: \"foo-bar\" is not a valid label name", e.Message);
        Assert.Equal("ok_name", map.LabelName("b", allowUtf8: false));
    }

    [Fact]
    public void Booleans_follow_yaml_1_1()
    {
        var map = Root("a: yes\nb: off\nc: true\nd: maybe\n");
        Assert.True(map.Bool("a"));
        Assert.False(map.Bool("b"));
        Assert.True(map.Bool("c"));
        Assert.Throws<ConfigException>(() => map.Bool("d"));
    }

    [Fact]
    public void Binary_scalars_must_be_valid_utf8()
    {
        var map = Root("good: !!binary Zm9v\nbad: !!binary /w==\n");
        Assert.Equal("foo", map.String("good"));
        var e = Assert.Throws<ConfigException>(() => map.String("bad"));
        Assert.Contains("invalid UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void String_maps_keep_document_order_and_reject_duplicates()
    {
        var map = Root("m: {b: '1', a: 2}\n");
        var m = map.StringMap("m")!;
        Assert.Equal(["b", "a"], m.Select(p => p.Key));
        Assert.Equal("2", m[1].Value);
        Assert.Throws<ConfigException>(() => Root("m: {a: 1, a: 2}\n").StringMap("m"));
    }
}
