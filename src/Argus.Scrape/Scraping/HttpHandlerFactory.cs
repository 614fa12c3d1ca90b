using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Argus.Scrape.Scraping;

/// <summary>
/// Builds the socket handler of an outgoing HTTP client (scrapes, notifications to Alertmanagers): TLS with a
/// custom CA, client certificate, server name or no verification; a proxy only when one is configured, so the
/// environment's proxy settings never leak into monitoring traffic.
/// </summary>
public static class HttpHandlerFactory
{
    public static SocketsHttpHandler Create(TlsOptions? tls, Uri? proxyUrl, bool followRedirects = true)
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = proxyUrl is not null,
            Proxy = proxyUrl is { } proxy ? new WebProxy(proxy) : null,
            AllowAutoRedirect = followRedirects,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (tls is not null)
        {
            handler.SslOptions = SslOptions(tls);
        }
        return handler;
    }

    private static SslClientAuthenticationOptions SslOptions(TlsOptions tls)
    {
        var ssl = new SslClientAuthenticationOptions { TargetHost = tls.ServerName };
        if (tls.CertFile is not null && tls.KeyFile is not null)
        {
            ssl.ClientCertificates = [X509Certificate2.CreateFromPemFile(tls.CertFile, tls.KeyFile)];
        }
        if (tls.InsecureSkipVerify)
        {
            ssl.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (tls.CaFile is not null)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(tls.CaFile);
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustedByCustomRoots(roots, certificate, errors);
        }
        return ssl;
    }

    /// <summary>Accepts a certificate the system trusts, or one whose only fault is a chain that the configured CA
    /// (and not the system store) anchors.</summary>
    private static bool TrustedByCustomRoots(X509Certificate2Collection roots, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
