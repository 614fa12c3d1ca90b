using System.Net;
using Argus.Web.Hosting;

namespace Argus.Web.Tests;

public class ListenAddressTests
{
    [Theory]
    [InlineData(":9090", "", 9090)]
    [InlineData("0.0.0.0:9090", "0.0.0.0", 9090)]
    [InlineData("127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("[::1]:9090", "::1", 9090)]
    [InlineData("localhost:8080", "localhost", 8080)]
    public void Go_style_addresses_are_parsed(string text, string host, int port)
    {
        Assert.True(ListenAddress.TryParse(text, out var address, out var error), error);
        Assert.Equal(host, address.Host);
        Assert.Equal(port, address.Port);
        Assert.Equal(text, address.ToString());
    }

    [Theory]
    [InlineData("9090", "missing port in address")]
    [InlineData("::1:9090", "too many colons")]
    [InlineData("[::1]9090", "missing port")]
    [InlineData("[::1:9090", "missing ']'")]
    [InlineData("127.0.0.1:http", "invalid port")]
    [InlineData("127.0.0.1:70000", "invalid port")]
    [InlineData("[1.2.3.4]:80", "not an IPv6 address")]
    public void Bad_addresses_are_rejected_with_the_cause(string text, string cause)
    {
        Assert.False(ListenAddress.TryParse(text, out _, out var error));
        Assert.Contains(cause, error, StringComparison.Ordinal);
        Assert.Contains(text, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ip_literals_are_exposed_for_binding()
    {
        Assert.Equal(IPAddress.IPv6Loopback, ListenAddress.Parse("[::1]:1").IpAddress);
        Assert.Null(ListenAddress.Parse(":1").IpAddress);
        Assert.Null(ListenAddress.Parse("localhost:1").IpAddress);
    }
}
