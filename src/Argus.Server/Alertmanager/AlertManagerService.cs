using Argus.Alerting.Alerts;
using Argus.Alerting.Config;
using Argus.Alerting.Dispatch;
using Argus.Alerting.Inhibit;
using Argus.Alerting.NotificationLog;
using Argus.Alerting.Silences;
using Argus.Notify.Integrations.Templates;
using Argus.Notify.Pipeline;
using Argus.Templates.Alertmanager;
using Argus.Web.Api.V2;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Alertmanager;

/// <summary>
/// One alert manager: the alert store, silences and notification log (persisted under the storage path), and,
/// per loaded configuration, the inhibitor, the notification pipeline and the dispatcher. Used by
/// <c>argus alertmanager</c> on its own and by <c>argus server --alertmanager.config.file</c>.
/// A reload loads the file strictly; a bad file throws and the running configuration stays.
/// </summary>
/// <remarks>Start once, stop once; reloads are serialised by a lock and may run while alerts arrive.</remarks>
public sealed class AlertManagerService : IAsyncDisposable
{
    private readonly AlertManagerServiceOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private readonly NotificationMetrics _metrics;
    private readonly CancellationTokenSource _stop = new();
    private readonly SilenceStore _silences;
    private readonly NotificationLog _notificationLog;
    private Runtime? _runtime;
    private Task _maintenance = Task.CompletedTask;

    public AlertManagerService(AlertManagerServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = options.LoggerFactory.CreateLogger("Argus.Alertmanager");
        _metrics = new NotificationMetrics(options.Registry);
        Directory.CreateDirectory(_options.StoragePath);
        _silences = SilenceStore.Open(new SilenceStoreOptions
        {
            Directory = _options.StoragePath,
            Retention = _options.Retention,
            UtcNow = () => _options.Time.GetUtcNow().UtcDateTime,
        });
        _notificationLog = NotificationLog.Open(new NotificationLogOptions { Directory = _options.StoragePath, Retention = _options.Retention, Time = _options.Time });
        Api = new AlertmanagerApi(new AlertmanagerApiSources
        {
            Alerts = Alerts,
            Silences = _silences,
            Config = () => Config,
            InhibitedBy = (labels, now) => _runtime?.Inhibitor.InhibitedBy(labels, now) ?? [],
            Groups = () => _runtime?.Dispatcher.Groups(),
            StartTime = options.Time.GetUtcNow().UtcDateTime,
            UtcNow = () => options.Time.GetUtcNow().UtcDateTime,
        });
    }

    public AlertStore Alerts { get; } = new();

    /// <summary>The configuration in force; valid after <see cref="Start"/>.</summary>
    public AlertmanagerConfig Config => _runtime?.Config ?? throw new InvalidOperationException("the alert manager has not started");

    /// <summary>The API v2 module to map on the web server.</summary>
    public AlertmanagerApi Api { get; }

    /// <summary>The dispatcher of the configuration in force (for tests and inspection).</summary>
    public Dispatcher? Dispatcher => _runtime?.Dispatcher;

    /// <summary>Loads the configuration and starts dispatching (silences and the notification log were opened by the constructor).</summary>
    /// <exception cref="Argus.Config.ConfigException">the configuration file is invalid.</exception>
    public void Start()
    {
        var config = AlertmanagerConfigLoader.LoadFile(_options.ConfigFile);
        var templates = LoadTemplates(config);
        RegisterMetrics();
        _runtime = StartRuntime(config, templates);
        _maintenance = RunMaintenanceAsync(_stop.Token);
        _logger.LogInformation("Alert manager started with {file} ({receivers} receivers)", _options.ConfigFile, config.Receivers.Count);
    }

    /// <summary>Reloads the configuration file; throws with the cause when it is invalid, keeping the old one.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var config = AlertmanagerConfigLoader.LoadFile(_options.ConfigFile);
            var templates = LoadTemplates(config);
            var old = _runtime;
            _runtime = StartRuntime(config, templates);
            if (old is not null)
            {
                await old.StopAsync().ConfigureAwait(false);
            }
            _logger.LogInformation("Completed loading of configuration file {file}", _options.ConfigFile);
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    private Runtime StartRuntime(AlertmanagerConfig config, AlertmanagerTemplates templates)
    {
        var inhibitor = Inhibitor.Follow(config.InhibitRules, Alerts);
        var pipeline = new NotificationPipeline(new NotificationPipelineOptions
        {
            Config = config,
            Integrations = _options.Integrations,
            Silences = _silences,
            Inhibitor = inhibitor,
            NotificationLog = _notificationLog,
            Templates = templates,
            ExternalUrl = _options.ExternalUrl,
            Metrics = _metrics,
            Time = _options.Time,
            Logger = _options.LoggerFactory.CreateLogger("Argus.Notify"),
        });
        var dispatcher = new Dispatcher(Alerts, config.Route, pipeline.Handler, _options.Time, _options.LoggerFactory.CreateLogger("Argus.Dispatch"));
        return new Runtime(config, inhibitor, dispatcher, _logger);
    }

    /// <summary>The default templates plus the user templates of <c>templates:</c> (globs resolved against the configuration's directory).</summary>
    private static AlertmanagerTemplates LoadTemplates(AlertmanagerConfig config)
    {
        var files = new List<(string, string)>();
        foreach (var glob in config.Templates)
        {
            var directory = Path.GetDirectoryName(glob);
            var pattern = Path.GetFileName(glob);
            if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
            {
                continue;
            }
            foreach (var file in Directory.GetFiles(directory, pattern).Order(StringComparer.Ordinal))
            {
                files.Add((file, File.ReadAllText(file)));
            }
        }
        try
        {
            // Argus's default templates first, so user files can override any of their names.
            return DefaultTemplates.Create(files);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new Argus.Config.ConfigException($"{config.Templates.FirstOrDefault()}: failed to parse templates: {e.Message}", e);
        }
    }

    private void RegisterMetrics()
    {
        var registry = _options.Registry;
        var alerts = registry.CallbackFamily("alertmanager_alerts", "How many alerts by state.", Instrumentation.Exposition.MetricType.Gauge, "state");
        alerts.Set(() => CountAlerts(suppressed: false), "active");
        alerts.Set(() => CountAlerts(suppressed: true), "suppressed");
        alerts.Set(() => 0, "unprocessed");
        var silences = registry.CallbackFamily("alertmanager_silences", "How many silences by state.", Instrumentation.Exposition.MetricType.Gauge, "state");
        foreach (var state in (SilenceState[])[SilenceState.Active, SilenceState.Pending, SilenceState.Expired])
        {
            silences.Set(() => _silences.List().Count(s => s.StateAt(_options.Time.GetUtcNow().UtcDateTime) == state), state.ToString().ToLowerInvariant());
        }
        registry.CallbackCounter("alertmanager_alerts_received_total", "The total number of received alerts.", () => Interlocked.Read(ref Alerts.Stats.AlertsReceived));
        registry.CallbackCounter("alertmanager_alerts_invalid_total", "The total number of received alerts that were invalid.", () => Interlocked.Read(ref Alerts.Stats.AlertsInvalid));
        registry.CallbackCounter("alertmanager_nflog_queries_total", "Number of notification log queries were received.", () => _notificationLog.Queries);
        registry.CallbackGauge("alertmanager_nflog_snapshot_size_bytes", "Size of the last notification log snapshot in bytes.", () => _notificationLog.SnapshotSize);
        registry.CallbackGauge("alertmanager_nflog_entries", "Number of entries in the notification log.", () => _notificationLog.Count);
        registry.CallbackGauge("alertmanager_dispatcher_aggregation_groups", "Number of active aggregation groups.", () => _runtime?.Dispatcher.GroupCount ?? 0);
    }

    private double CountAlerts(bool suppressed)
    {
        var runtime = _runtime;
        var now = _options.Time.GetUtcNow().UtcDateTime;
        var count = 0;
        foreach (var alert in Alerts.List())
        {
            if (alert.IsResolved(now))
            {
                continue;
            }
            var muted = _silences.MutedBy(alert.Labels).Count > 0 || (runtime is not null && runtime.Inhibitor.InhibitedBy(alert.Labels, now).Count > 0);
            if (muted == suppressed)
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>Drops resolved alerts, expired silences and notification-log entries, and writes snapshots.</summary>
    public void Maintain()
    {
        var now = _options.Time.GetUtcNow().UtcDateTime;
        Alerts.CollectResolved(now);
        _runtime?.Inhibitor.CollectResolved(now);
        _silences.Maintain();
        _notificationLog.Maintain();
    }

    private async Task RunMaintenanceAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.MaintenanceInterval, _options.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    Maintain();
                }
                catch (IOException e)
                {
                    _logger.LogError(e, "Alert manager maintenance failed");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Stops dispatching (letting flushes in progress finish) and writes final snapshots.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _maintenance.ConfigureAwait(false);
        if (_runtime is not null)
        {
            await _runtime.StopAsync().ConfigureAwait(false);
        }
        Maintain();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _silences.Dispose();
        _notificationLog.Dispose();
        _stop.Dispose();
        _reloadLock.Dispose();
    }

    /// <summary>What one configuration runs: its inhibitor and dispatcher, and the dispatcher's loop.</summary>
    private sealed class Runtime
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public Runtime(AlertmanagerConfig config, Inhibitor inhibitor, Dispatcher dispatcher, ILogger logger)
        {
            Config = config;
            Inhibitor = inhibitor;
            Dispatcher = dispatcher;
            _loop = Task.Run(async () =>
            {
                try
                {
                    await dispatcher.RunAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    // Stopping.
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    logger.LogError(e, "Dispatcher stopped unexpectedly");
                }
            });
        }

        public AlertmanagerConfig Config { get; }

        public Inhibitor Inhibitor { get; }

        public Dispatcher Dispatcher { get; }

        public async Task StopAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
            Dispatcher.Dispose();
            Inhibitor.Dispose();
            _stop.Dispose();
        }
    }
}
