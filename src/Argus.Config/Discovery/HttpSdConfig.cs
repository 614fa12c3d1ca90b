using Argus.Config.Http;

namespace Argus.Config.Discovery;

/// <summary><c>http_sd_configs</c> entry: a URL returning target groups as JSON, polled every
/// <see cref="RefreshInterval"/> (default 1m), with its own HTTP client settings.</summary>
public sealed class HttpSdConfig
{
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromMinutes(1);

    public required ConfigUrl Url { get; init; }

    public TimeSpan RefreshInterval { get; init; } = DefaultRefreshInterval;

    public HttpClientConfig HttpClient { get; init; } = HttpClientConfig.Default;

    internal static HttpSdConfig Read(ConfigContext context, Yaml.YamlMap map)
    {
        var url = map.Url("url", requireAbsolute: false);
        var refresh = map.Duration("refresh_interval", DefaultRefreshInterval);
        var http = HttpClientConfig.Read(context, map);
        map.EnsureAllRead();
        if (url is null || url.Text.Length == 0)
        {
            throw map.Error("URL is missing");
        }
        if (url.Scheme is not ("http" or "https"))
        {
            throw map.ErrorAt("url", "URL scheme must be 'http' or 'https'");
        }
        if (url.Host.Length == 0)
        {
            throw map.ErrorAt("url", "host is missing in URL");
        }
        return new HttpSdConfig { Url = url, RefreshInterval = refresh, HttpClient = http };
    }
}
