using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Argus.Config.Http;

namespace Argus.Notify.Integrations.Http;

/// <summary>Turns a <c>tls_config</c> into .NET client TLS options (HTTP clients and SMTP's STARTTLS).</summary>
internal static class TlsOptions
{
    private static readonly string[] VersionNames = ["TLS12", "TLS13"];
    private static readonly SslProtocols[] Versions = [SslProtocols.Tls12, SslProtocols.Tls13];

    /// <summary>Options that verify against the configured CA (or the system's), present the client certificate,
    /// and name <c>server_name</c> (else <paramref name="targetHost"/>) in SNI and verification.</summary>
    public static SslClientAuthenticationOptions Create(TlsConfig tls, string? targetHost)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = string.IsNullOrEmpty(tls.ServerName) ? targetHost : tls.ServerName,
            EnabledSslProtocols = Protocols(tls.MinVersion, tls.MaxVersion),
        };
        var cert = ConfigValues.SecretOrFile(tls.Cert, tls.CertFile, "tls_config cert");
        var key = ConfigValues.SecretOrFile(tls.Key, tls.KeyFile, "tls_config key");
        if (!string.IsNullOrEmpty(cert) && !string.IsNullOrEmpty(key))
        {
            options.ClientCertificates = [X509Certificate2.CreateFromPem(cert, key)];
        }
        var ca = ConfigValues.SecretOrFile(tls.Ca, tls.CaFile, "tls_config ca");
        if (tls.InsecureSkipVerify)
        {
            options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (!string.IsNullOrEmpty(ca))
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPem(ca);
            options.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust };
            options.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
        }
        return options;
    }

    private static SslProtocols Protocols(string? min, string? max)
    {
        // TLS 1.0 and 1.1 are disabled by the platform, so a minimum below 1.2 means 1.2.
        var low = min is null ? 0 : Math.Max(0, Array.IndexOf(VersionNames, min));
        var high = max is null ? Versions.Length - 1 : Math.Max(0, Array.IndexOf(VersionNames, max));
        var result = SslProtocols.None;
        for (var i = low; i <= high; i++)
        {
            result |= Versions[i];
        }
        return result;
    }
}
