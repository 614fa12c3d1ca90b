using System.Collections.Concurrent;
using System.Net;
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

    /// <summary>Connections kept open to one receiver host at most.</summary>
    public const int MaxConnectionsPerHost = 128;

    private static SocketsHttpHandler CreateTransport(TlsConfig tls, ProxyConfig proxy, bool followRedirects)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = followRedirects,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // Thousands of groups flushing at once would otherwise open a connection per notification (a TCP, maybe
            // TLS, handshake each, and as many sockets at the receiver); beyond this many in flight to one host,
            // notifications wait for a pooled connection instead.
            MaxConnectionsPerServer = MaxConnectionsPerHost,
            SslOptions = TlsOptions.Create(tls, targetHost: null),
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
}
