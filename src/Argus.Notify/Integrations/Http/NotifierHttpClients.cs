using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Argus.Config.Http;

namespace Argus.Notify.Integrations.Http;

/// <summary>
/// One <see cref="HttpClient"/> per <c>http_config</c>: integrations that inherit the global
/// <c>http_config</c> share its object and therefore one connection pool. Clients live as long as this
/// cache; dispose it when the configuration they came from is replaced. Thread-safe.
/// </summary>
public sealed class NotifierHttpClients : IDisposable
{
    private readonly ConcurrentDictionary<HttpClientConfig, Lazy<HttpClient>> _clients = new(ReferenceEqualityComparer.Instance);

    /// <summary>The client for <paramref name="config"/>, created on first use.</summary>
    public HttpClient For(HttpClientConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return _clients.GetOrAdd(config, c => new Lazy<HttpClient>(() => Create(c))).Value;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            if (client.IsValueCreated)
            {
                client.Value.Dispose();
            }
        }
        _clients.Clear();
    }

    private static HttpClient Create(HttpClientConfig config)
    {
        var transport = CreateTransport(config.TlsConfig, config.Proxy, config.FollowRedirects);
        OAuth2TokenSource? oauth2 = null;
        if (config.OAuth2 is { } oauth2Config)
        {
            var tokenTransport = CreateTransport(oauth2Config.TlsConfig ?? config.TlsConfig, oauth2Config.Proxy, followRedirects: true);
            oauth2 = new OAuth2TokenSource(oauth2Config, new HttpClient(tokenTransport));
        }
        // Integrations set their own per-request limits (timeout:); the pipeline's context bounds the rest.
        return new HttpClient(new ConfiguredAuthHandler(config, transport, oauth2)) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static SocketsHttpHandler CreateTransport(TlsConfig tls, ProxyConfig proxy, bool followRedirects)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = followRedirects,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = CreateSslOptions(tls),
        };
        if (proxy.ProxyUrl is { Text.Length: > 0 } proxyUrl)
        {
            var bypass = (proxy.NoProxy ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            handler.Proxy = new WebProxy(proxyUrl.Text) { BypassList = bypass.Select(b => System.Text.RegularExpressions.Regex.Escape(b)).ToArray() };
            handler.UseProxy = true;
        }
        else
        {
            // Without proxy_from_environment a Prometheus-style client ignores HTTP(S)_PROXY.
            handler.UseProxy = proxy.ProxyFromEnvironment;
        }
        return handler;
    }

    private static SslClientAuthenticationOptions CreateSslOptions(TlsConfig tls)
    {
        var options = new SslClientAuthenticationOptions();
        if (!string.IsNullOrEmpty(tls.ServerName))
        {
            options.TargetHost = tls.ServerName;
        }
        options.EnabledSslProtocols = Protocols(tls.MinVersion, tls.MaxVersion);
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
        SslProtocols[] all = [SslProtocols.Tls12, SslProtocols.Tls13];
        var names = new[] { "TLS12", "TLS13" };
        // TLS 1.0 and 1.1 are disabled by the platform; a minimum below 1.2 therefore means 1.2.
        var low = min is null ? 0 : Math.Max(0, Array.IndexOf(names, min));
        var high = max is null ? 1 : Math.Max(0, Array.IndexOf(names, max));
        var result = SslProtocols.None;
        for (var i = low; i <= high; i++)
        {
            result |= all[i];
        }
        return result;
    }
}
