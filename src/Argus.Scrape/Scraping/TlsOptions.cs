using Argus.Config.Http;

namespace Argus.Scrape.Scraping;

/// <summary>TLS settings of a scrape (<c>tls_config</c>): CA to trust, client certificate, server name, verification.</summary>
public sealed record TlsOptions(
    string? CaFile = null,
    string? CertFile = null,
    string? KeyFile = null,
    string? ServerName = null,
    bool InsecureSkipVerify = false)
{
    /// <summary>The options a <c>tls_config</c> asks for, or null when it changes nothing from the system defaults.</summary>
    public static TlsOptions? From(TlsConfig config) =>
        (config.CaFile ?? config.CertFile ?? config.ServerName) is not null || config.InsecureSkipVerify
            ? new TlsOptions(config.CaFile, config.CertFile, config.KeyFile, config.ServerName, config.InsecureSkipVerify)
            : null;
}
