namespace Argus.Config.Http;

/// <summary>Proxy settings shared by HTTP clients and OAuth2 token requests.</summary>
public sealed class ProxyConfig
{
    public ConfigUrl? ProxyUrl { get; init; }

    /// <summary>Comma-separated hosts, domains and CIDRs that bypass the proxy.</summary>
    public string? NoProxy { get; init; }

    public bool ProxyFromEnvironment { get; init; }

    /// <summary>Headers sent to the proxy on CONNECT; values are secrets.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<Secret>>> ProxyConnectHeader { get; init; } = [];

    /// <summary>Reads the proxy fields out of <paramref name="map"/> (they are inline in the HTTP
    /// client config) and validates their combination.</summary>
    public static ProxyConfig Read(Yaml.YamlMap map)
    {
        var headers = new List<KeyValuePair<string, IReadOnlyList<Secret>>>();
        if (map.Map("proxy_connect_header", "config.ProxyHeader") is { } headerMap)
        {
            foreach (var (key, value) in headerMap.Entries)
            {
                var values = map.Source.Sequence(value, "[]config.Secret").Select(map.Source.Secret).ToList();
                headers.Add(new(map.Source.String(key), values));
            }
            headerMap.MarkAllRead();
        }
        var config = new ProxyConfig
        {
            ProxyUrl = map.Url("proxy_url", requireAbsolute: false),
            NoProxy = map.String("no_proxy"),
            ProxyFromEnvironment = map.Bool("proxy_from_environment", false),
            ProxyConnectHeader = headers,
        };
        var hasUrl = config.ProxyUrl is { Text.Length: > 0 };
        if (config.ProxyFromEnvironment && hasUrl)
        {
            throw map.ErrorAt("proxy_url", "if proxy_from_environment is configured, proxy_url must not be configured");
        }
        if (config.ProxyFromEnvironment && !string.IsNullOrEmpty(config.NoProxy))
        {
            throw map.ErrorAt("no_proxy", "if proxy_from_environment is configured, no_proxy must not be configured");
        }
        if (!hasUrl && !string.IsNullOrEmpty(config.NoProxy))
        {
            throw map.ErrorAt("no_proxy", "if no_proxy is configured, proxy_url must also be configured");
        }
        if (!hasUrl && !config.ProxyFromEnvironment && headers.Count > 0)
        {
            throw map.ErrorAt("proxy_connect_header", "if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured");
        }
        return config;
    }
}
