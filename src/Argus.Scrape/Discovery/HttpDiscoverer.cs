using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Argus.Config;
using Argus.Config.Discovery;

namespace Argus.Scrape.Discovery;

/// <summary>
/// <c>http_sd_configs</c>: GETs a JSON list of target groups every refresh interval (200 and
/// <c>application/json</c> required, as in Prometheus) and labels each group with <c>__meta_url</c>. Failures
/// throw, so the runner keeps the last good set.
/// </summary>
public sealed class HttpDiscoverer : ITargetDiscoverer
{
    private const string MetaUrl = "__meta_url";
    private const int MaxBodyBytes = 64 << 20;

    private readonly HttpSdConfig _config;
    private readonly HttpClient _client;

    public HttpDiscoverer(HttpSdConfig config, int index)
    {
        _config = config;
        Key = $"http/{index}";
        var handler = new SocketsHttpHandler
        {
            UseProxy = config.HttpClient.Proxy.ProxyUrl is not null,
            Proxy = config.HttpClient.Proxy.ProxyUrl?.Absolute is { } proxy ? new WebProxy(proxy) : null,
        };
        if (config.HttpClient.TlsConfig.InsecureSkipVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        _client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30), MaxResponseContentBufferSize = MaxBodyBytes };
    }

    public string Key { get; }

    public TimeSpan RefreshInterval => _config.RefreshInterval;

    public SemaphoreSlim? ChangeSignal => null;

    public async Task<IReadOnlyList<TargetGroup>> RefreshAsync(CancellationToken cancellationToken)
    {
        var url = _config.Url.Absolute ?? new Uri(_config.Url.Text);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", "Argus/0.1.0");
        request.Headers.TryAddWithoutValidation("X-Prometheus-Refresh-Interval-Seconds",
            ((int)_config.RefreshInterval.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (_config.HttpClient.BasicAuth is { } basic)
        {
            var password = basic.PasswordFile is { } pf ? File.ReadAllText(pf).Trim() : basic.Password?.Value ?? string.Empty;
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes((basic.Username ?? string.Empty) + ":" + password)));
        }
        else if (_config.HttpClient.Authorization is { } auth)
        {
            var credentials = auth.CredentialsFile is { } cf ? File.ReadAllText(cf).Trim() : auth.Credentials?.Value ?? string.Empty;
            request.Headers.TryAddWithoutValidation("Authorization", auth.Type + " " + credentials);
        }
        using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"server returned HTTP status {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new HttpRequestException($"unsupported content type \"{response.Content.Headers.ContentType}\"");
        }
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<TargetGroup> groups;
        try
        {
            groups = TargetGroupParser.ParseFile(text, "http_sd.json");
        }
        catch (ConfigException e)
        {
            throw new HttpRequestException("invalid target groups: " + e.Message, e);
        }
        var urlText = url.ToString();
        return groups.Select((g, i) => new TargetGroup
        {
            Targets = g.Targets,
            Labels = g.Labels.ToBuilder().Set(MetaUrl, urlText).Build(),
            Source = $"{urlText}:{i}",
        }).ToList();
    }

    public void Dispose() => _client.Dispose();
}
