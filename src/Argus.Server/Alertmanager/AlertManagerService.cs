using System.Collections.Concurrent;
using Argus.Alerting.Alerts;
using Argus.Alerting.Config;
using Argus.Alerting.Dispatch;
using Argus.Alerting.Groups;
using Argus.Alerting.History;
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
/// One alert manager: the alert store, silences and notification log (persisted under the storage path), Argus's
/// group states (escalation, acknowledgement), alert history and acknowledgement key (persisted there too), and,
/// per loaded configuration, the inhibitor, the notification pipeline and the dispatcher. Used by
/// <c>argus alertmanager</c> on its own and by <c>argus server --alertmanager.config.file</c>.
/// A reload loads the file strictly; a bad file throws and the running configuration stays. A sweep every
/// <see cref="AlertManagerServiceOptions.SweepInterval"/> (and after each silence change) records silencing and
/// inhibition in the history, applies acknowledgement silences, ends expire-on-resolve silences and sends
/// silence-lifecycle notifications.
/// </summary>
/// <remarks>Start once, stop once; reloads are serialised by a lock and may run while alerts arrive.</remarks>
public sealed class AlertManagerService : IAsyncDisposable
{
    private static readonly TimeSpan MinimumSweepSpacing = TimeSpan.FromMilliseconds(250);
    private readonly AlertManagerServiceOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private readonly NotificationMetrics _metrics;
    private readonly CancellationTokenSource _stop = new();
    private readonly SilenceStore _silences;
    private readonly NotificationLog _notificationLog;
    private readonly HistoryLog _history;
    private readonly GroupStates _groups;
    private readonly AcknowledgementTokens _tokens;
    private readonly AlertStateTracker _tracker;
    private readonly SilenceLifecycle _lifecycle;
    private readonly ConcurrentQueue<SilenceNotice> _notices = new();
    private readonly SemaphoreSlim _sweepLock = new(1, 1);
    private readonly SemaphoreSlim _sweepWake = new(0, 1);
    private Runtime? _runtime;
    private Task _maintenance = Task.CompletedTask;
    private Task _sweeps = Task.CompletedTask;

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
        _history = HistoryLog.Open(new HistoryLogOptions
        {
            Directory = _options.StoragePath,
            Retention = _options.HistoryRetention,
            MaxBytes = _options.HistoryMaxBytes,
            Time = _options.Time,
        });
        _groups = GroupStates.Open(new GroupStatesOptions { Directory = _options.StoragePath, Retention = _options.Retention, History = _history, Time = _options.Time });
        _tokens = AcknowledgementTokens.LoadOrCreate(_options.StoragePath);
        _tracker = new AlertStateTracker(_history, _silences);
        _lifecycle = new SilenceLifecycle(_silences, _history, UtcNow);
        Alerts.StoredBatch += alerts => _tracker.ObserveAll(alerts, UtcNow);
        _silences.Changed += OnSilenceChanged;
        // An acknowledgement made or removed changes when the next escalation step is due.
        _groups.Changed += () => _runtime?.Dispatcher.Wake();
        Api = new AlertmanagerApi(new AlertmanagerApiSources
        {
            Alerts = Alerts,
            Silences = _silences,
            Config = () => Config,
            InhibitedBy = (labels, now) => _runtime?.Inhibitor.InhibitedBy(labels, now) ?? [],
            Groups = () => _runtime?.Dispatcher.Groups(),
            GroupStates = _groups,
            AcknowledgementTokens = _tokens,
            History = _history,
            StartTime = options.Time.GetUtcNow().UtcDateTime,
            UtcNow = () => options.Time.GetUtcNow().UtcDateTime,
        });
    }

    private DateTime UtcNow => _options.Time.GetUtcNow().UtcDateTime;

    /// <summary>Argus's escalation and acknowledgement state (for tests and inspection).</summary>
    public GroupStates GroupStates => _groups;

    /// <summary>The alert history (for tests and inspection).</summary>
    public HistoryLog History => _history;

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
        _sweeps = RunSweepsAsync(_stop.Token);
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
            Groups = _groups,
            History = _history,
            AcknowledgementTokens = _tokens,
            Time = _options.Time,
            Logger = _options.LoggerFactory.CreateLogger("Argus.Notify"),
        });
        var dispatcher = new Dispatcher(Alerts, config.Route, pipeline.Handler, _options.Time, _options.LoggerFactory.CreateLogger("Argus.Dispatch"), _groups.NextStepAt);
        _tracker.InhibitedBy = inhibitor.InhibitedBy;
        return new Runtime(config, inhibitor, dispatcher, pipeline, _logger);
    }

    /// <summary>
    /// A silence was created, changed or expired: record it and queue the notices its subscribers get, then sweep
    /// soon so that silencing (and acknowledgement by silence) is recorded without waiting for the interval.
    /// </summary>
    private void OnSilenceChanged(SilenceChange change)
    {
        if (_runtime is { } runtime)
        {
            foreach (var notice in _lifecycle.OnChange(change, runtime.Config.Route, Alerts.List(), UtcNow))
            {
                _notices.Enqueue(notice);
            }
        }
        WakeSweeps();
    }

    private void WakeSweeps()
    {
        try
        {
            _sweepWake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A sweep is already pending.
        }
    }

    /// <summary>
    /// One sweep: history of silencing and inhibition, acknowledgement silences applied to the groups, expire-on-resolve
    /// silences ended, silence-lifecycle notices sent (a notice that fails is tried again next sweep, for up to an hour),
    /// and the history fsynced. Runs on its own every <see cref="AlertManagerServiceOptions.SweepInterval"/>; tests call it.
    /// </summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        await _sweepLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var runtime = _runtime;
            if (runtime is null)
            {
                return;
            }
            var now = UtcNow;
            var alerts = Alerts.List();
            _tracker.Sweep(alerts, now);
            var acknowledgements = _silences.ActiveAcknowledgements(now);
            foreach (var group in runtime.Dispatcher.Groups())
            {
                _groups.Evaluate(group.Key, group.Alerts, now, acknowledgements);
            }
            foreach (var notice in _lifecycle.Sweep(runtime.Config.Route, alerts, now))
            {
                _notices.Enqueue(notice);
            }
            var failed = new List<SilenceNotice>();
            while (_notices.TryDequeue(out var notice))
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1), _options.Time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
                if (!await runtime.Pipeline.NotifySilenceAsync(notice, linked.Token).ConfigureAwait(false) && notice.At > now - TimeSpan.FromHours(1))
                {
                    failed.Add(notice);
                }
            }
            failed.ForEach(_notices.Enqueue);
            _history.Sync();
        }
        finally
        {
            _sweepLock.Release();
        }
    }

    private async Task RunSweepsAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                await Task.WhenAny(Task.Delay(_options.SweepInterval, _options.Time, stop.Token), _sweepWake.WaitAsync(stop.Token)).ConfigureAwait(false);
                await stop.CancelAsync().ConfigureAwait(false);
                if (!cancellationToken.IsCancellationRequested)
                {
                    await SweepAsync(cancellationToken).ConfigureAwait(false);
                    // A sweep walks every alert and silence. During a silence import (thousands of changes, each waking
                    // the sweep) back-to-back sweeps would make the import quadratic, so the next one waits a little; what
                    // it records is stamped with the time it looked, and a quarter second is no delay to a reader.
                    await Task.Delay(MinimumSweepSpacing, TimeProvider.System, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                _logger.LogError(e, "Alert manager sweep failed");
            }
        }
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
        registry.CallbackGauge("argus_alertmanager_history_events", "Number of events in the alert history.", () => _history.Count);
        registry.CallbackGauge("argus_alertmanager_history_bytes", "Encoded size of the events in the alert history.", () => _history.Bytes);
        registry.CallbackGauge("argus_alertmanager_group_states", "Number of alert groups with an escalation episode or an acknowledgement.", () => _groups.Count);
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
        _history.Maintain();
        var live = _runtime?.Dispatcher.Groups().Select(g => g.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        _groups.Maintain(live.Contains);
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
        await _sweeps.ConfigureAwait(false);
        if (_runtime is not null)
        {
            await _runtime.StopAsync().ConfigureAwait(false);
        }
        Maintain();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _silences.Changed -= OnSilenceChanged;
        _silences.Dispose();
        _notificationLog.Dispose();
        _groups.Dispose();
        _history.Dispose();
        _stop.Dispose();
        _reloadLock.Dispose();
        _sweepLock.Dispose();
        _sweepWake.Dispose();
    }

    /// <summary>What one configuration runs: its inhibitor, pipeline and dispatcher, and the dispatcher's loop.</summary>
    private sealed class Runtime
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public Runtime(AlertmanagerConfig config, Inhibitor inhibitor, Dispatcher dispatcher, NotificationPipeline pipeline, ILogger logger)
        {
            Config = config;
            Inhibitor = inhibitor;
            Dispatcher = dispatcher;
            Pipeline = pipeline;
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

        public NotificationPipeline Pipeline { get; }

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
