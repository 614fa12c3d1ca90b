namespace Argus.Config.Http;

/// <summary><c>oauth2</c>: client-credentials flow settings.</summary>
public sealed class OAuth2Config
{
    public string ClientId { get; init; } = string.Empty;

    public Secret? ClientSecret { get; init; }

    public string? ClientSecretFile { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];

    public ConfigUrl? TokenUrl { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> EndpointParams { get; init; } = [];

    public TlsConfig? TlsConfig { get; init; }

    public ProxyConfig Proxy { get; init; } = new();

    public static OAuth2Config Read(ConfigContext context, Yaml.YamlMap map)
    {
        var tls = map.Map("tls_config", "config.TLSConfig");
        var config = new OAuth2Config
        {
            ClientId = map.String("client_id") ?? string.Empty,
            ClientSecret = map.Secret("client_secret"),
            ClientSecretFile = context.ResolvePathOrNull(map.String("client_secret_file")),
            Scopes = map.StringList("scopes") ?? [],
            TokenUrl = map.Url("token_url", requireAbsolute: false),
            EndpointParams = map.StringMap("endpoint_params") ?? [],
            TlsConfig = tls is null ? null : TlsConfig.Read(context, tls),
            Proxy = ProxyConfig.Read(map),
        };
        HttpClientConfig.RejectSecretRefs(map, "client_secret_ref");
        map.EnsureAllRead();
        if (config.ClientId.Length == 0)
        {
            throw map.Error("oauth2 client_id must be configured");
        }
        if (config.TokenUrl is null || config.TokenUrl.Text.Length == 0)
        {
            throw map.Error("oauth2 token_url must be configured");
        }
        if (config.ClientSecret is { IsEmpty: false } && !string.IsNullOrEmpty(config.ClientSecretFile))
        {
            throw map.Error("at most one of oauth2 client_secret & client_secret_file must be configured");
        }
        return config;
    }
}
