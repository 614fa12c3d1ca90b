using Argus.Config;
using Argus.Config.Http;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config;

/// <summary>
/// What the readers of one Alertmanager configuration share: the parsed file (for error places), the
/// already-read <c>global</c> section (receivers inherit from it) and the helpers for Alertmanager's
/// value types (http(s) URLs, mutually exclusive inline/file secrets).
/// </summary>
/// <remarks>One per load; not thread-safe.</remarks>
internal sealed class ReaderContext(YamlSource source, string? directory)
{
    public YamlSource Source { get; } = source;

    public string? Directory { get; } = directory;

    /// <summary>Set once <c>global</c> has been read; receivers are read after it.</summary>
    public GlobalConfig Global { get; set; } = GlobalConfig.Default;

    /// <summary>A nested <c>http_config</c> section, or null when the key is absent.</summary>
    public HttpClientConfig? HttpConfig(YamlMap map, string key = "http_config")
    {
        var section = map.Map(key, "config.HTTPClientConfig");
        if (section is null)
        {
            return null;
        }
        var config = HttpClientConfigReader.Read(Source, section, Directory);
        section.EnsureAllRead();
        return config;
    }

    /// <summary>A nested <c>tls_config</c> section, or null when absent.</summary>
    public TlsConfig? TlsConfig(YamlMap map, string key)
    {
        var section = map.Map(key, "config.TLSConfig");
        if (section is null)
        {
            return null;
        }
        var config = HttpClientConfigReader.ReadTls(Source, section, Directory);
        section.EnsureAllRead();
        return config;
    }

    /// <summary>Alertmanager's <c>URL</c> type: absolute, scheme http or https, with a host.</summary>
    public ConfigUrl? HttpUrl(YamlMap map, string key)
    {
        var node = map.Take(key);
        return node is null ? null : HttpUrl(node);
    }

    /// <summary>Alertmanager's <c>URL</c> type at <paramref name="node"/>.</summary>
    public ConfigUrl HttpUrl(YamlDotNet.RepresentationModel.YamlNode node)
    {
        var text = Source.String(node);
        if (!ConfigUrl.TryParse(text, requireAbsolute: false, out var url, out var error))
        {
            throw Source.Error(node, error!);
        }
        if (url.Scheme is not ("http" or "https"))
        {
            throw Source.Error(node, $"unsupported scheme \"{url.Scheme}\" for URL");
        }
        if (url.Host.Length == 0)
        {
            throw Source.Error(node, "missing host for URL");
        }
        return url;
    }

    /// <summary>A secret and its <c>_file</c> variant, of which at most one may be set.</summary>
    public (Secret? Value, string? File) SecretOrFile(YamlMap map, string key, string fileKey)
    {
        var value = map.Secret(key);
        var file = map.String(fileKey);
        if (value is { IsEmpty: false } && !string.IsNullOrEmpty(file))
        {
            throw map.ErrorAt(fileKey, $"at most one of {key} & {fileKey} must be configured");
        }
        return (value is { IsEmpty: false } ? value : null, string.IsNullOrEmpty(file) ? null : ResolvePath(file));
    }

    /// <summary>A secret URL and its <c>_file</c> variant, of which at most one may be set.</summary>
    public (ConfigUrl? Value, string? File) UrlOrFile(YamlMap map, string key, string fileKey)
    {
        var value = HttpUrl(map, key);
        var file = map.String(fileKey);
        if (value is not null && !string.IsNullOrEmpty(file))
        {
            throw map.ErrorAt(fileKey, $"at most one of {key} & {fileKey} must be configured");
        }
        return (value, string.IsNullOrEmpty(file) ? null : ResolvePath(file));
    }

    /// <summary>A Go <c>time.Duration</c> field (<c>1m30s</c>, <c>1.5h</c>), or null when absent.</summary>
    public TimeSpan? GoDuration(YamlMap map, string key)
    {
        var node = map.Take(key);
        if (node is null)
        {
            return null;
        }
        var text = Source.ScalarText(node, "time.Duration");
        return GoDurationSyntax.TryParse(text, out var value, out var error) ? value : throw Source.Error(node, error!);
    }

    public string ResolvePath(string path) =>
        Directory is null || path.Length == 0 || Path.IsPathRooted(path) ? path : Path.Combine(Directory, path);
}
