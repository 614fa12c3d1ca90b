using Argus.Web.Hosting;

namespace Argus.Web.Tests;

public class WebUrlsTests
{
    [Fact]
    public void Without_a_flag_the_external_url_is_the_hostname_and_listen_port()
    {
        var url = WebUrls.ComputeExternalUrl(null, ListenAddress.Parse(":9191"));
        Assert.Equal(9191, url.Port);
        Assert.Equal(System.Net.Dns.GetHostName().ToLowerInvariant(), url.Host);
        Assert.Equal("/", url.AbsolutePath);
    }

    [Theory]
    [InlineData("http://example.com/prometheus/", "http://example.com/prometheus", "/prometheus")]
    [InlineData("https://example.com", "https://example.com/", "/")]
    [InlineData("http://example.com:8080/a/b//", "http://example.com:8080/a/b", "/a/b")]
    public void The_route_prefix_defaults_to_the_external_url_path(string flag, string url, string prefix)
    {
        var external = WebUrls.ComputeExternalUrl(flag, ListenAddress.Parse(":9090"));
        Assert.Equal(url, external.ToString());
        Assert.Equal(prefix, WebUrls.ComputeRoutePrefix(null, external));
    }

    [Fact]
    public void An_explicit_route_prefix_wins_and_is_normalised()
    {
        var external = new Uri("http://example.com/ignored");
        Assert.Equal("/custom", WebUrls.ComputeRoutePrefix("custom/", external));
        Assert.Equal("/", WebUrls.ComputeRoutePrefix("/", external));
    }

    [Theory]
    [InlineData("\"http://example.com\"", "quotes")]
    [InlineData("not a url", "absolute http or https URL")]
    [InlineData("ftp://example.com", "absolute http or https URL")]
    public void Bad_external_urls_are_rejected(string flag, string cause)
    {
        var ex = Assert.Throws<FormatException>(() => WebUrls.ComputeExternalUrl(flag, ListenAddress.Parse(":9090")));
        Assert.Contains(cause, ex.Message, StringComparison.Ordinal);
    }
}
