namespace Argus.Config.Http;

/// <summary>TLS settings of an HTTP client (<c>tls_config</c>). File paths are resolved against
/// the configuration file's directory; inline PEM values are secrets.</summary>
public sealed class TlsConfig
{
    private static readonly string[] TlsVersions = ["TLS10", "TLS11", "TLS12", "TLS13"];

    public Secret? Ca { get; init; }

    public string? CaFile { get; init; }

    public Secret? Cert { get; init; }

    public string? CertFile { get; init; }

    public Secret? Key { get; init; }

    public string? KeyFile { get; init; }

    public string? ServerName { get; init; }

    public bool InsecureSkipVerify { get; init; }

    /// <summary><c>TLS10</c> … <c>TLS13</c>, or null for the runtime default (TLS 1.2).</summary>
    public string? MinVersion { get; init; }

    public string? MaxVersion { get; init; }

    public static TlsConfig Read(ConfigContext context, Yaml.YamlMap map)
    {
        var config = new TlsConfig
        {
            Ca = map.Secret("ca"),
            CaFile = context.ResolvePathOrNull(map.String("ca_file")),
            Cert = map.Secret("cert"),
            CertFile = context.ResolvePathOrNull(map.String("cert_file")),
            Key = map.Secret("key"),
            KeyFile = context.ResolvePathOrNull(map.String("key_file")),
            ServerName = map.String("server_name"),
            InsecureSkipVerify = map.Bool("insecure_skip_verify", false),
            MinVersion = ReadVersion(map, "min_version"),
            MaxVersion = ReadVersion(map, "max_version"),
        };
        foreach (var unsupported in new[] { "ca_ref", "cert_ref", "key_ref" })
        {
            if (map.Take(unsupported) is not null)
            {
                throw map.ErrorAt(unsupported, $"{unsupported} is not supported by Argus (secret managers are not implemented)");
            }
        }
        map.EnsureAllRead();
        if (Has(config.Ca) && !string.IsNullOrEmpty(config.CaFile))
        {
            throw map.Error("at most one of ca and ca_file must be configured");
        }
        if (Has(config.Cert) && !string.IsNullOrEmpty(config.CertFile))
        {
            throw map.Error("at most one of cert and cert_file must be configured");
        }
        if (Has(config.Key) && !string.IsNullOrEmpty(config.KeyFile))
        {
            throw map.Error("at most one of key and key_file must be configured");
        }
        var hasCert = Has(config.Cert) || !string.IsNullOrEmpty(config.CertFile);
        var hasKey = Has(config.Key) || !string.IsNullOrEmpty(config.KeyFile);
        if (hasCert && !hasKey)
        {
            throw map.Error("exactly one of key or key_file must be configured when a client certificate is configured");
        }
        if (hasKey && !hasCert)
        {
            throw map.Error("exactly one of cert or cert_file must be configured when a client key is configured");
        }
        if (config.MinVersion is not null && config.MaxVersion is not null
            && Array.IndexOf(TlsVersions, config.MinVersion) > Array.IndexOf(TlsVersions, config.MaxVersion))
        {
            throw map.Error($"tls_config.max_version must be greater than or equal to tls_config.min_version if both are specified");
        }
        return config;
    }

    private static bool Has(Secret? secret) => secret is { IsEmpty: false };

    private static string? ReadVersion(Yaml.YamlMap map, string key)
    {
        var value = map.String(key);
        if (value is not null && Array.IndexOf(TlsVersions, value) < 0)
        {
            throw map.ErrorAt(key, $"unknown TLS version: {value}");
        }
        return value;
    }
}
