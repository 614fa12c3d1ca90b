namespace Argus.Scrape.Scraping;

/// <summary>TLS settings of a scrape (<c>tls_config</c>): CA to trust, client certificate, server name, verification.</summary>
public sealed record TlsOptions(
    string? CaFile = null,
    string? CertFile = null,
    string? KeyFile = null,
    string? ServerName = null,
    bool InsecureSkipVerify = false);
