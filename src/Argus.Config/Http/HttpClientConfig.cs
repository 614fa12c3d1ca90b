namespace Argus.Config.Http;

/// <summary>
/// The HTTP client settings Prometheus inlines into scrape, SD, Alertmanager and remote configs:
/// authentication (basic_auth, authorization, oauth2, legacy bearer_token), tls_config, proxy,
/// redirects, HTTP/2 and extra headers. At most one authentication method may be configured.
/// </summary>
public sealed class HttpClientConfig
{
    /// <summary>Header names a configuration may not set in <c>http_headers</c>.</summary>
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Host", "Content-Encoding", "Content-Length", "Content-Type", "User-Agent",
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Www-Authenticate",
        "Accept-Encoding", "X-Prometheus-Remote-Write-Version", "X-Prometheus-Remote-Read-Version",
        "X-Prometheus-Scrape-Timeout-Seconds", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-Sha256",
    };

    /// <summary>The keys this type reads from the enclosing mapping.</summary>
    internal static readonly string[] Keys =
    [
        "basic_auth", "authorization", "oauth2", "bearer_token", "bearer_token_file", "tls_config",
        "follow_redirects", "enable_http2", "http_headers", "proxy_url", "no_proxy",
        "proxy_from_environment", "proxy_connect_header",
    ];

    public BasicAuthConfig? BasicAuth { get; init; }

    public AuthorizationConfig? Authorization { get; init; }

    public OAuth2Config? OAuth2 { get; init; }

    public TlsConfig TlsConfig { get; init; } = new();

    public ProxyConfig Proxy { get; init; } = new();

    /// <summary>Default true.</summary>
    public bool FollowRedirects { get; init; } = true;

    /// <summary>Default true (false for remote write).</summary>
    public bool EnableHttp2 { get; init; } = true;

    public IReadOnlyList<KeyValuePair<string, HttpHeaderValues>> HttpHeaders { get; init; } = [];

    /// <summary>The default client configuration (what an empty section means).</summary>
    public static HttpClientConfig Default { get; } = new();

    /// <summary>Reads the HTTP client fields of <paramref name="map"/> (Prometheus inlines them in
    /// the enclosing section; Alertmanager nests them under <c>http_config</c>). The caller still
    /// calls <see cref="Yaml.YamlMap.EnsureAllRead"/> on the map afterwards. The legacy
    /// <c>bearer_token</c>/<c>bearer_token_file</c> become an <see cref="Authorization"/> of type Bearer.</summary>
    public static HttpClientConfig Read(ConfigContext context, Yaml.YamlMap map, bool enableHttp2Default = true)
    {
        var basic = map.Map("basic_auth", "config.BasicAuth");
        var authorization = map.Map("authorization", "config.Authorization");
        var oauth2 = map.Map("oauth2", "config.OAuth2");
        var tls = map.Map("tls_config", "config.TLSConfig");
        var bearerToken = map.Secret("bearer_token");
        var bearerTokenFile = map.String("bearer_token_file");
        var hasBearer = bearerToken is { IsEmpty: false } || !string.IsNullOrEmpty(bearerTokenFile);
        if (bearerToken is { IsEmpty: false } && !string.IsNullOrEmpty(bearerTokenFile))
        {
            throw map.ErrorAt("bearer_token_file", "at most one of bearer_token & bearer_token_file must be configured");
        }
        if ((basic is not null || oauth2 is not null) && hasBearer)
        {
            throw map.ErrorAt(bearerToken is null ? "bearer_token_file" : "bearer_token", "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
        }
        if (authorization is not null && hasBearer)
        {
            throw map.ErrorAt("authorization", "authorization is not compatible with bearer_token & bearer_token_file");
        }
        var configured = (basic is null ? 0 : 1) + (authorization is null ? 0 : 1) + (oauth2 is null ? 0 : 1);
        if (configured > 1)
        {
            throw map.ErrorAt(basic is not null && authorization is not null ? "authorization" : "oauth2", "at most one of basic_auth, oauth2 & authorization must be configured");
        }
        var authorizationConfig = authorization is null ? null : AuthorizationConfig.Read(context, authorization);
        if (hasBearer)
        {
            authorizationConfig = new AuthorizationConfig
            {
                Type = "Bearer",
                Credentials = bearerToken is { IsEmpty: false } ? bearerToken : null,
                CredentialsFile = string.IsNullOrEmpty(bearerTokenFile) ? null : context.ResolvePath(bearerTokenFile),
            };
        }
        return new HttpClientConfig
        {
            BasicAuth = basic is null ? null : BasicAuthConfig.Read(context, basic),
            Authorization = authorizationConfig,
            OAuth2 = oauth2 is null ? null : OAuth2Config.Read(context, oauth2),
            TlsConfig = tls is null ? new TlsConfig() : TlsConfig.Read(context, tls),
            FollowRedirects = map.Bool("follow_redirects", true),
            EnableHttp2 = map.Bool("enable_http2", enableHttp2Default),
            HttpHeaders = ReadHeaders(context, map),
            Proxy = ProxyConfig.Read(map),
        };
    }

    /// <summary>True when basic_auth, authorization or oauth2 is set.</summary>
    public bool HasAuthentication => BasicAuth is not null || Authorization is not null || OAuth2 is not null;

    internal static void RejectSecretRefs(Yaml.YamlMap map, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (map.Take(key) is not null)
            {
                throw map.ErrorAt(key, $"{key} is not supported by Argus (secret managers are not implemented)");
            }
        }
    }

    private static List<KeyValuePair<string, HttpHeaderValues>> ReadHeaders(ConfigContext context, Yaml.YamlMap map)
    {
        var result = new List<KeyValuePair<string, HttpHeaderValues>>();
        if (map.Map("http_headers", "config.Headers") is not { } headers)
        {
            return result;
        }
        foreach (var (keyNode, valueNode) in headers.Entries)
        {
            var name = map.Source.String(keyNode);
            if (ReservedHeaders.Contains(name))
            {
                throw map.Source.Error(keyNode, $"setting header \"{name}\" is not allowed");
            }
            if (Yaml.YamlSource.IsNull(valueNode))
            {
                result.Add(new(name, new HttpHeaderValues()));
                continue;
            }
            var entry = map.Source.Map(valueNode, "config.Header");
            result.Add(new(name, new HttpHeaderValues
            {
                Values = entry.StringList("values") ?? [],
                Secrets = entry.List("secrets", "[]config.Secret", map.Source.Secret),
                Files = (entry.StringList("files") ?? []).Select(context.ResolvePath).ToList(),
            }));
            entry.EnsureAllRead();
        }
        headers.MarkAllRead();
        return result;
    }
}
