using System.Net.Http.Headers;
using Argus.Config.Alerting;
using Argus.Config.Discovery;
using Argus.Scrape.Discovery;
using Argus.Scrape.Scraping;
using Microsoft.Extensions.Logging;

namespace Argus.Rules.Notifier;

/// <summary>
/// One <c>alerting.alertmanagers</c> entry at run time: its HTTP client (auth, TLS, proxy), its service discovery
/// and the Alertmanagers currently built from it. Discovery keeps the last good groups of a failing source.
/// </summary>
/// <remarks>Thread-safe: <see cref="Targets"/> is replaced atomically; sends may run concurrently.</remarks>
internal sealed class AlertmanagerSet : IAsyncDisposable
{
    private static readonly TimeSpan InitialRefreshTimeout = TimeSpan.FromSeconds(10);
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Action _onTargetsChanged;
    private readonly HttpClient _client;
    private readonly BasicAuthOptions? _basicAuth;
    private readonly AuthorizationOptions? _authorization;
    private readonly string _userAgent;
    private readonly List<ITargetDiscoverer> _discoverers;
    private readonly Dictionary<string, IReadOnlyList<TargetGroup>> _groups = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private List<Task> _runners = [];

    /// <exception cref="NotSupportedException">The entry asks for an authentication Argus cannot do yet.</exception>
    public AlertmanagerSet(AlertmanagerConfig config, string name, string userAgent, Action onTargetsChanged, ILogger logger, TimeProvider time)
    {
        Config = config;
        Name = name;
        _userAgent = userAgent;
        _onTargetsChanged = onTargetsChanged;
        _logger = logger;
        _time = time;
        var http = config.HttpClient;
        if (http.OAuth2 is not null || config.SigV4 is not null)
        {
            throw new NotSupportedException(
                $"alertmanagers {name}: {(http.OAuth2 is not null ? "oauth2" : "sigv4")} authentication is not supported by Argus's notifier");
        }
        _basicAuth = http.BasicAuth is { } basic ? BasicAuthOptions.From(basic) : null;
        _authorization = http.Authorization is { } auth ? AuthorizationOptions.From(auth) : null;
        _client = new HttpClient(HttpHandlerFactory.Create(TlsOptions.From(http.TlsConfig), http.Proxy.ProxyUrl?.Absolute, http.FollowRedirects),
            disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _discoverers = DiscovererFactory.Create(config.ServiceDiscovery, logger);
    }

    public AlertmanagerConfig Config { get; }

    /// <summary>Names the entry in logs, e.g. <c>config-0</c> for the first one.</summary>
    public string Name { get; }

    public AlertmanagerTargets Targets { get; private set; } = AlertmanagerTargets.None;

    /// <summary>The groups of every source, so a reload can seed its replacement with them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<TargetGroup>> GroupsBySource
    {
        get
        {
            lock (_groups)
            {
                return new Dictionary<string, IReadOnlyList<TargetGroup>>(_groups, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Seeds the groups from the set this one replaces, refreshes every source once (bounded, so a slow
    /// source keeps its seeded groups until its runner catches up), builds the targets and starts discovery.</summary>
    public async Task StartAsync(IReadOnlyDictionary<string, IReadOnlyList<TargetGroup>>? previous, CancellationToken cancellationToken)
    {
        var keys = _discoverers.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        lock (_groups)
        {
            foreach (var (key, groups) in previous ?? new Dictionary<string, IReadOnlyList<TargetGroup>>())
            {
                if (keys.Contains(key))
                {
                    _groups[key] = groups;
                }
            }
        }
        using (var initial = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            initial.CancelAfter(InitialRefreshTimeout);
            try
            {
                await Task.WhenAll(_discoverers.Select(d => RefreshAsync(d, initial.Token))).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning("Initial discovery of Alertmanagers {Set} timed out; slow sources keep their previous groups", Name);
            }
        }
        Rebuild();
        _runners = _discoverers
            .Select(d => DiscoveryLoop.RunAsync(d, async token =>
            {
                if (await RefreshAsync(d, token).ConfigureAwait(false))
                {
                    Rebuild();
                    _onTargetsChanged();
                }
            }, _time, _stop.Token))
            .ToList();
    }

    /// <summary>Posts one JSON payload to one Alertmanager of this set within the set's timeout.</summary>
    /// <exception cref="HttpRequestException">Connection failure or a non-2xx answer.</exception>
    /// <exception cref="TimeoutException">No answer within the timeout.</exception>
    public async Task PostAsync(Uri url, byte[] payload, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Config.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = Json;
        request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        RequestAuthorization.Add(request, _basicAuth, _authorization);
        AddConfiguredHeaders(request);
        try
        {
            using var response = await _client.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"bad response status {(int)response.StatusCode} {response.ReasonPhrase}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Post \"{url}\": no answer within {Config.Timeout.TotalSeconds}s");
        }
    }

    /// <summary>The entry's <c>http_headers</c>: plain values, secrets, and file contents read per request so a
    /// rotated token needs no reload.</summary>
    private void AddConfiguredHeaders(HttpRequestMessage request)
    {
        foreach (var (name, header) in Config.HttpClient.HttpHeaders)
        {
            var values = header.Values
                .Concat(header.Secrets.Select(secret => secret.Value))
                .Concat(header.Files.Select(file => File.ReadAllText(file).Trim()));
            request.Headers.TryAddWithoutValidation(name, values);
        }
    }

    private async Task<bool> RefreshAsync(ITargetDiscoverer discoverer, CancellationToken cancellationToken)
    {
        try
        {
            var groups = await discoverer.RefreshAsync(cancellationToken).ConfigureAwait(false);
            lock (_groups)
            {
                _groups[discoverer.Key] = groups;
            }
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogError("Discovery {Source} of Alertmanagers {Set} failed, keeping the last good ones: {Error}", discoverer.Key, Name, e.Message);
            return false;
        }
    }

    private void Rebuild()
    {
        List<TargetGroup> groups;
        lock (_groups)
        {
            groups = _groups.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value).ToList();
        }
        var targets = AlertmanagerTargetBuilder.Build(Config, groups);
        foreach (var error in targets.Errors)
        {
            _logger.LogWarning("Skipping an Alertmanager of {Set}: {Error}", Name, error);
        }
        Targets = targets;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_runners).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        foreach (var discoverer in _discoverers)
        {
            discoverer.Dispose();
        }
        _stop.Dispose();
        _client.Dispose();
    }
}
