namespace Argus.Config.Tests.Yaml;

public class ValueTypeTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("512B", 512L)]
    [InlineData("1KB", 1024L)]
    [InlineData("1KiB", 1024L)]
    [InlineData("10MB", 10L << 20)]
    [InlineData("1.5GB", 3L << 29)]
    [InlineData("1GB512MB", (1L << 30) + (512L << 20))]
    [InlineData("2TB", 2L << 40)]
    [InlineData("1PB", 1L << 50)]
    [InlineData("1EB", 1L << 60)]
    public void Byte_sizes_are_1024_based(string text, long bytes)
    {
        Assert.Equal(bytes, ByteSize.Parse(text).Bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10XB")]
    [InlineData("MB")]
    [InlineData("10mb")]
    public void Bad_byte_sizes_are_rejected(string text)
    {
        Assert.False(ByteSize.TryParse(text, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Byte_sizes_print_canonically()
    {
        Assert.Equal("10MiB", ByteSize.Parse("10MB").ToString());
        Assert.Equal("1GiB512MiB", ByteSize.Parse("1536MB").ToString());
        Assert.Equal("0B", default(ByteSize).ToString());
    }

    [Fact]
    public void A_secret_never_prints_its_value()
    {
        var secret = new Secret("hunter2");
        Assert.Equal("<secret>", secret.ToString());
        Assert.Equal("<secret>", $"{secret}");
        Assert.Equal("hunter2", secret.Value);
    }

    [Fact]
    public void Config_regexes_are_fully_anchored_and_dot_matches_newline()
    {
        var regex = ConfigRegex.Create("foo.*");
        Assert.True(regex.IsMatch("foobar"));
        Assert.True(regex.IsMatch("foo\nbar"));
        Assert.False(regex.IsMatch("xfoo"));
        Assert.Equal("foo.*", regex.Pattern);
        Assert.False(ConfigRegex.TryCreate("abc(def", out _, out var error));
        Assert.Equal("error parsing regexp: missing closing ): `abc(def`", error);
        Assert.False(ConfigRegex.TryCreate("*a", out _, out error));
        Assert.Equal("error parsing regexp: missing argument to repetition operator: `*a`", error);
    }

    [Fact]
    public void Urls_keep_their_text_and_expose_scheme_and_host()
    {
        var url = ConfigUrl.Parse("https://example.com:9090/api?x=1");
        Assert.Equal("https", url.Scheme);
        Assert.Equal("example.com", url.Host);
        Assert.Equal("https://example.com:9090/api?x=1", url.Text);
        Assert.False(ConfigUrl.TryParse("/relative", requireAbsolute: true, out _, out _));
        Assert.True(ConfigUrl.TryParse("/relative", requireAbsolute: false, out var relative, out _));
        Assert.Equal(string.Empty, relative.Scheme);
    }
}
