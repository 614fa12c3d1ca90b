using System.Net;
using Argus.Config;
using Argus.Instrumentation.Collectors;
using Argus.Instrumentation.Metrics;
using Argus.Model.Labels;
using Argus.Model.Time;
using Argus.PromQL.Engine;
using Argus.Scrape.Host;
using Argus.Scrape.Pushgateway;
using Argus.Scrape.RemoteWrite;
using Argus.Scrape.Scraping;
using Argus.Server.Alertmanager;
using Argus.Server.Config;
using Argus.Server.Options;
using Argus.Web.Api.V1;
using Argus.Web.Hosting;
using Argus.Web.Ingest;
using Argus.Web.Ui;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Composition;

/// <summary>
/// The composition root of <c>argus server</c>: the one place where the concrete stages meet. It
/// starts the web server, loads the configuration, starts the components in order, opens readiness,
/// then serves until SIGTERM, SIGINT or <c>/-/quit</c>, and stops everything in reverse. SIGHUP and
/// <c>/-/reload</c> reload the configuration; an invalid one is rejected and the running one stays.
/// </summary>
/// <remarks>
/// To add a stage, add one line to <see cref="CreateComponents"/> (and, for HTTP APIs, one to
/// <see cref="CreateWebModules"/>). Reloads, startup and shutdown are serialised by one lock, so
/// components never see concurrent lifecycle calls.
/// </remarks>
public sealed class ArgusServer : IServerLifecycle
{
    private static readonly TimeSpan ComponentStopTimeout = TimeSpan.FromSeconds(30);

    private readonly ServerOptions _options;
    private readonly ILoggerProvider _logs;
    private readonly ILogger _logger;
    private readonly BuildInfo _buildInfo;
    private readonly TimeProvider _time;
    private readonly MetricsRegistry _registry = new();
    private readonly ReadinessGate _readiness = new();
    private readonly ReloadMetrics _reloadMetrics;
    private readonly SemaphoreSlim _lifecycleLock = new(1, 1);
    private readonly TaskCompletionSource<string> _shutdownRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IServerComponent> _started = [];
    private readonly StorageHandle _storage = new();
    private readonly ScrapeStats _scrapeStats = new();
    private readonly RemoteWriteStats _remoteWriteStats = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly DateTimeOffset _startTime;
    private readonly ScrapeComponent _scrape;
    private readonly NotifierComponent _notifier;
    private readonly RuleComponent _rules;
    private ConfigSource? _configSource;
    private AlertManagerService? _alertManager;
    private bool _stopping;

    public ArgusServer(ServerOptions options, ILoggerProvider logs, BuildInfo buildInfo, TimeProvider? time = null)
    {
        _options = options;
        _logs = logs;
        _logger = logs.CreateLogger("Argus.Server");
        _buildInfo = buildInfo;
        _time = time ?? TimeProvider.System;
        _reloadMetrics = new ReloadMetrics(_registry);
        _startTime = _time.GetUtcNow();
        _scrape = new ScrapeComponent(_storage, _scrapeStats, _logs.CreateLogger("Argus.Scrape"));
        _notifier = new NotifierComponent(options.Notifier with { UserAgent = "Argus/" + buildInfo.Version }, _registry,
            _logs.CreateLogger("Argus.Notifier"));
        _loggerFactory = LoggerFactory.Create(builder =>
        {
            builder.ClearProviders();
            builder.SetMinimumLevel(LogLevel.Trace);
            builder.AddProvider(new NonDisposingLoggerProvider(logs));
        });
        _rules = new RuleComponent(_storage, CreateEngine(), options.Rules, options.Web.ExternalUrl, _registry, _logs.CreateLogger("Argus.Rules"), _time)
        {
            // Alerts due after each evaluation go to every configured Alertmanager.
            NotifierSink = _notifier.Send,
        };
    }

    /// <summary>The registry behind <c>/metrics</c>; components publish their stats classes here.</summary>
    public MetricsRegistry Registry => _registry;

    /// <summary>The notifier; the rule manager's send hook is <see cref="NotifierComponent.Send"/>.</summary>
    internal NotifierComponent Notifier => _notifier;

    /// <summary>The configuration in force (null before the first load), e.g. for <c>/api/v1/status/config</c>.
    /// Replaced only by a successful reload.</summary>
    public LoadedConfig? CurrentConfig { get; private set; }

    /// <summary>The stages, in start order. Each line creates one component from the options; stages
    /// added later (TSDB, scrape manager, rule manager, notifier, Alertmanager) go here.</summary>
    private List<IServerComponent> CreateComponents() =>
    [
        new DataDirectoryComponent(_options.Storage.Path, _logs.CreateLogger("Argus.Server.DataDirectory")),
        new TsdbComponent(_options.Storage, _storage, _registry, _loggerFactory),
        _scrape,
        // Before the rule manager, which hands its alerts to Notifier.Send.
        _notifier,
        _rules,
        .. _alertManager is null ? Array.Empty<IServerComponent>() : [new AlertManagerComponent(_alertManager)],
    ];

    private PromqlEngine CreateEngine() => new(
        new PromqlEngineOptions
        {
            Timeout = _options.Query.Timeout,
            MaxSamples = _options.Query.MaxSamples,
            LookbackDelta = _options.Query.LookbackDelta,
            // Prometheus keeps __name__ removal eager unless a feature flag asks otherwise.
            EnableDelayedNameRemoval = false,
        },
        _loggerFactory.CreateLogger<PromqlEngine>());

    /// <summary>The embedded alert manager when <c>--alertmanager.config.file</c> is given: silences and the
    /// notification log live in <c>alertmanager/</c> under the storage path, its API v2 on the server's port.</summary>
    private AlertManagerService? CreateAlertManager() => _options.AlertmanagerConfigFile is not { } file ? null : new AlertManagerService(new AlertManagerServiceOptions
    {
        ConfigFile = file,
        StoragePath = Path.Combine(_options.Storage.Path, "alertmanager"),
        HistoryRetention = _options.AlertmanagerHistoryRetention,
        HistoryMaxBytes = _options.AlertmanagerHistoryMaxBytes,
        ExternalUrl = _options.Web.ExternalUrl,
        Integrations = ReceiverIntegrations.Create(_logs.CreateLogger("Argus.Alertmanager"), _time, _registry),
        Registry = _registry,
        LoggerFactory = _loggerFactory,
        Time = _time,
    });

    /// <summary>The HTTP API modules mapped under the route prefix, next to the core endpoints.</summary>
    private List<IWebModule> CreateWebModules()
    {
        var engine = CreateEngine();
        var api = new PrometheusApi(_storage, engine, new PrometheusApiSources
        {
            Flags = () => _options.Flags,
            ConfigYaml = () => CurrentConfig?.Config.ToYaml() ?? string.Empty,
            ExternalLabels = () => CurrentConfig?.Config.Global.ExternalLabels ?? LabelSet.Empty,
            Runtime = () => new RuntimeStatus
            {
                StartTime = _startTime,
                ReloadConfigSuccess = _reloadMetrics.LastSucceeded,
                LastConfigTime = CurrentConfig?.LoadedAt ?? _startTime,
                CorruptionCount = _storage.Current?.Stats.WalCorruptionsRepaired ?? 0,
                StorageRetention = PromDuration.Format(_options.Storage.RetentionTime),
            },
            Build = new BuildStatus { Version = _buildInfo.Version, Revision = _buildInfo.Revision, Branch = _buildInfo.Branch },
            LookbackDelta = _options.Query.LookbackDelta,
            Alertmanagers = _notifier.Status,
            Targets = () => ScrapeTargetsView.From(_scrape.Manager?.Pools ?? [], _options.Web.ExternalUrl),
            TargetMetadata = () => ScrapeTargetsView.Metadata(_scrape.Manager?.Pools ?? []),
            RuleGroups = () => RuleStatusView.From(_rules.Manager?.Groups ?? []),
            MaxConcurrentQueries = _options.Query.MaxConcurrency,
            QueryLogFile = () => CurrentConfig?.Config.Global.QueryLogFile ?? string.Empty,
            Time = _time,
        });
        var admin = new AdminApi(() => _storage.Current, _options.Storage.Path, _options.Web.EnableAdminApi);
        var pushgatewayStore = new PushgatewayStore(Path.Combine(_options.Storage.Path, "pushgateway.json"));
        var ingest = new IngestModule(
            new RemoteWriteReceiver(_storage, _remoteWriteStats, _loggerFactory.CreateLogger("Argus.RemoteWrite"), _time),
            new PushgatewayReceiver(pushgatewayStore, _time),
            pushgatewayStore);
        var host = new HostMetricsModule(new HostCollector(time: _time));
        return [api, admin, ingest, host, new WebUiModule(), .. _alertManager is null ? Array.Empty<IWebModule>() : [_alertManager.Api]];
    }

    /// <summary>Runs the server to completion and returns the process exit code: 0 after a requested
    /// shutdown, 1 when startup fails (bad configuration, port in use, unusable data directory).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        _logger.LogInformation("Starting Argus {version} (branch={branch}, revision={revision}, dotnet={dotnet}, platform={platform})",
            _buildInfo.Version, _buildInfo.Branch, _buildInfo.Revision, _buildInfo.DotnetVersion, BuildInfo.Platform);
        RegisterOwnMetrics();

        if (_options.ConfigFile is { } file)
        {
            // Validate before binding any port, so a broken file fails fast as in Prometheus.
            _configSource = ConfigSource.FromFile(file);
            try
            {
                await ConfigLoader.LoadAsync(_configSource, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (ConfigException ex)
            {
                _logger.LogError("Error loading config ({file}): {err}", file, ex.Message);
                return 1;
            }
        }

        try
        {
            _alertManager = CreateAlertManager();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            _logger.LogError("Unable to open the alert manager's data: {err}", ex.Message);
            return 1;
        }

        using var signals = RegisterSignals();
        using var stopOnCancel = cancellationToken.Register(() => RequestShutdown("cancelled"));
        var web = new ArgusWebHost(_options.Web, _registry, _readiness, this, _logs, CreateWebModules());
        IngestMetrics.Register(_registry, _scrapeStats, _remoteWriteStats);
        await using (web.ConfigureAwait(false))
        {
            try
            {
                await web.StartAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException)
            {
                _logger.LogError(ex, "Unable to start the web server on {address}", _options.Web.ListenAddress);
                return 1;
            }
            _configSource ??= ConfigSource.Embedded(() => SelfTarget(web), _options.Web.RoutePrefix);

            if (!await StartComponentsAsync().ConfigureAwait(false))
            {
                await web.StopAsync(CancellationToken.None).ConfigureAwait(false);
                return 1;
            }
            _readiness.Open();
            _logger.LogInformation("Server is ready to receive web requests.");

            var reason = await _shutdownRequested.Task.ConfigureAwait(false);
            _logger.LogInformation("Shutting down: {reason}", reason);
            await ShutdownAsync(web).ConfigureAwait(false);
        }
        _logger.LogInformation("See you next time!");
        return 0;
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _lifecycleLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_stopping || _configSource is null)
            {
                throw new InvalidOperationException(_stopping ? "Argus is shutting down" : "Argus is still starting");
            }
            _logger.LogInformation("Loading configuration file {file}", _configSource.Name);
            LoadedConfig config;
            try
            {
                config = await ConfigLoader.LoadAsync(_configSource, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (ConfigException ex)
            {
                _reloadMetrics.Failed();
                _logger.LogError("Error reloading config, keeping the running configuration: {err}", ex.Message);
                throw;
            }
            var failures = new List<string>();
            foreach (var component in _started)
            {
                try
                {
                    await component.ApplyConfigAsync(config, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogError(ex, "Component {component} could not apply the new configuration", component.Name);
                    failures.Add($"{component.Name}: {ex.Message}");
                }
            }
            if (failures.Count > 0)
            {
                _reloadMetrics.Failed();
                throw new InvalidOperationException("one or more errors occurred while applying the new configuration: " + string.Join("; ", failures));
            }
            _reloadMetrics.Succeeded(config);
            CurrentConfig = config;
            _logger.LogInformation("Completed loading of configuration file {file}", config.Source);
        }
        finally
        {
            _lifecycleLock.Release();
        }
    }

    public void RequestShutdown(string reason) => _shutdownRequested.TrySetResult(reason);

    private void RegisterOwnMetrics()
    {
        ProcessCollector.Register(_registry);
        RuntimeCollector.Register(_registry);
        _buildInfo.Register(_registry);
        _registry.CallbackGauge("argus_ready", "Whether Argus is ready to serve queries (1) or not (0).", () => _readiness.IsReady ? 1 : 0);
    }

    private async Task<bool> StartComponentsAsync()
    {
        await _lifecycleLock.WaitAsync().ConfigureAwait(false);
        try
        {
            LoadedConfig config;
            try
            {
                config = await ConfigLoader.LoadAsync(_configSource!, _time, CancellationToken.None).ConfigureAwait(false);
            }
            catch (ConfigException ex)
            {
                _logger.LogError("Error loading config ({file}): {err}", _configSource!.Name, ex.Message);
                return false;
            }
            foreach (var component in CreateComponents())
            {
                try
                {
                    await component.StartAsync(config, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    _logger.LogError(ex, "Unable to start {component}", component.Name);
                    await StopComponentsAsync().ConfigureAwait(false);
                    return false;
                }
                _started.Add(component);
            }
            _reloadMetrics.Succeeded(config);
            CurrentConfig = config;
            _logger.LogInformation("Completed loading of configuration file {file}", config.Source);
            return true;
        }
        finally
        {
            _lifecycleLock.Release();
        }
    }

    private async Task ShutdownAsync(ArgusWebHost web)
    {
        await _lifecycleLock.WaitAsync().ConfigureAwait(false);
        try
        {
            // Scraping stops before the web server: a self-scrape refused by a stopping server would count
            // as a failed scrape and mark every series of Argus's own targets stale just before the restart.
            // A reload still in flight applies to the components that remain.
            if (_started.Remove(_scrape))
            {
                await StopComponentAsync(_scrape).ConfigureAwait(false);
            }
        }
        finally
        {
            _lifecycleLock.Release();
        }
        // Then the web server: in-flight requests (queries included) finish while storage is still open.
        await web.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _lifecycleLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _stopping = true;
            _readiness.Close();
            await StopComponentsAsync().ConfigureAwait(false);
        }
        finally
        {
            _lifecycleLock.Release();
        }
    }

    /// <summary>Stops started components in reverse order; a failure is logged and the rest still stop.</summary>
    private async Task StopComponentsAsync()
    {
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await StopComponentAsync(_started[i]).ConfigureAwait(false);
        }
        _started.Clear();
    }

    private async Task StopComponentAsync(IServerComponent component)
    {
        using var timeout = new CancellationTokenSource(ComponentStopTimeout);
        try
        {
            await component.StopAsync(timeout.Token).ConfigureAwait(false);
            _logger.LogDebug("Stopped {component}", component.Name);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Error stopping {component}", component.Name);
        }
    }

    private SignalRegistrations RegisterSignals() =>
        SignalRegistrations.ForLifecycle(RequestShutdown, () => _ = ReloadFromSignalAsync());

    private async Task ReloadFromSignalAsync()
    {
        try
        {
            await ReloadAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // ReloadAsync has logged the cause; a signal has nobody else to report to.
            _logger.LogDebug("Reload triggered by SIGHUP failed: {err}", ex.Message);
        }
    }

    /// <summary>Argus's own address for the embedded self-scrape: the bound port on the configured host,
    /// with wildcard hosts replaced by localhost.</summary>
    private string SelfTarget(ArgusWebHost web)
    {
        var port = _options.Web.ListenAddress.Port;
        foreach (var address in web.BoundAddresses)
        {
            if (Uri.TryCreate(address, UriKind.Absolute, out var uri))
            {
                port = uri.Port;
                break;
            }
        }
        var listen = _options.Web.ListenAddress;
        var ip = listen.IpAddress;
        var wildcard = listen.Host.Length == 0 || (ip is not null && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)));
        return (listen with { Host = wildcard ? "localhost" : listen.Host, Port = port }).ToString();
    }
}
