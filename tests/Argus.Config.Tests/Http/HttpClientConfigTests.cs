using Argus.Config.Http;
using Argus.Config.Yaml;

namespace Argus.Config.Tests.Http;

public class HttpClientConfigTests
{
    private static HttpClientConfig ReadNested(string yaml, string? directory = null)
    {
        var source = YamlSource.Parse(yaml, "alertmanager.yml");
        var root = source.Map(source.Root!, "config.Config");
        var section = root.Map("http_config", "config.HTTPClientConfig")!;
        var config = HttpClientConfig.Read(new ConfigContext(source, directory), section);
        section.EnsureAllRead();
        root.EnsureAllRead();
        return config;
    }

    [Fact]
    public void A_nested_http_config_can_be_read_by_other_formats()
    {
        var config = ReadNested("http_config:\n  bearer_token_file: token\n  tls_config: {ca_file: ca.pem, server_name: am}\n", "/etc/am");
        Assert.Equal("Bearer", config.Authorization!.Type);
        Assert.Equal("/etc/am/token", config.Authorization.CredentialsFile);
        Assert.Equal("/etc/am/ca.pem", config.TlsConfig.CaFile);
        Assert.Equal("am", config.TlsConfig.ServerName);
        Assert.True(config.FollowRedirects);
    }

    [Fact]
    public void An_unknown_field_in_a_nested_section_is_an_error()
    {
        var e = Assert.Throws<ConfigException>(() => ReadNested("http_config:\n  tls_config: {ca_fil: x}\n"));
        Assert.Equal("alertmanager.yml:2:16: field ca_fil not found in type config.TLSConfig", e.Message);
    }

    [Theory]
    [InlineData("http_config:\n  no_proxy: localhost\n", "if no_proxy is configured, proxy_url must also be configured")]
    [InlineData("http_config:\n  proxy_url: http://p\n  proxy_from_environment: true\n", "if proxy_from_environment is configured, proxy_url must not be configured")]
    [InlineData("http_config:\n  tls_config: {cert_file: c}\n", "exactly one of key or key_file must be configured")]
    [InlineData("http_config:\n  tls_config: {min_version: TLS9}\n", "unknown TLS version: TLS9")]
    [InlineData("http_config:\n  authorization: {type: Basic, credentials: x}\n", "use \"basic_auth\" instead")]
    [InlineData("http_config:\n  basic_auth: {username: u, password: p, password_file: f}\n", "at most one of basic_auth password & password_file must be configured")]
    [InlineData("http_config:\n  oauth2: {client_id: a}\n", "oauth2 token_url must be configured")]
    [InlineData("http_config:\n  http_headers: {Authorization: {values: [x]}}\n", "setting header \"Authorization\" is not allowed")]
    public void Invalid_combinations_are_rejected(string yaml, string message)
    {
        var e = Assert.Throws<ConfigException>(() => ReadNested(yaml));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.True(e.Line > 0);
    }
}
