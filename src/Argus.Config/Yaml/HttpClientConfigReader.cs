using Argus.Config.Http;

namespace Argus.Config.Yaml;

/// <summary>
/// Public entry points to the HTTP client readers for configuration formats outside this assembly
/// (Alertmanager's <c>http_config</c> and <c>tls_config</c> sections are nested mappings rather than
/// inlined fields). Callers still call <see cref="YamlMap.EnsureAllRead"/> on the section afterwards.
/// </summary>
public static class HttpClientConfigReader
{
    /// <summary>Reads the HTTP client fields of <paramref name="section"/>; relative file paths are
    /// resolved against <paramref name="directory"/> (null keeps them as written).</summary>
    public static HttpClientConfig Read(YamlSource source, YamlMap section, string? directory) =>
        HttpClientConfig.Read(new ConfigContext(source, directory), section);

    /// <summary>Reads a <c>tls_config</c> section.</summary>
    public static TlsConfig ReadTls(YamlSource source, YamlMap section, string? directory) =>
        TlsConfig.Read(new ConfigContext(source, directory), section);
}
