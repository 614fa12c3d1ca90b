using Argus.Alerting.Config;
using Argus.Config;
using Argus.Instrumentation.Collectors;
using Argus.Instrumentation.Metrics;
using Argus.Notify;
using Argus.Server.Composition;
using Argus.Web.Hosting;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Alertmanager;

/// <summary>
/// <c>argus alertmanager</c>: the alert manager on its own, as a drop-in for Alertmanager. Serves API v2,
/// <c>/-/healthy</c>, <c>/-/ready</c>, <c>/-/reload</c> and <c>/metrics</c>; SIGHUP reloads, SIGTERM and SIGINT stop.
/// </summary>
public sealed class AlertmanagerProgram : IServerLifecycle
{
    private readonly AlertmanagerFlagValues _flags;
    private readonly ILoggerProvider _logs;
    private readonly ILogger _logger;
    private readonly BuildInfo _buildInfo;
    private readonly Func<Receiver, IReadOnlyList<INotifier>> _integrations;
    private readonly MetricsRegistry _registry;
    private readonly ReadinessGate _readiness = new();
    private readonly TaskCompletionSource<string> _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AlertManagerService? _service;

    /// <param name="registry">The registry behind <c>/metrics</c>, when the integrations already publish into it.</param>
    public AlertmanagerProgram(AlertmanagerFlagValues flags, ILoggerProvider logs, BuildInfo buildInfo, Func<Receiver, IReadOnlyList<INotifier>> integrations,
        MetricsRegistry? registry = null)
    {
        _registry = registry ?? new MetricsRegistry();
        _flags = flags;
        _logs = logs;
        _logger = logs.CreateLogger("Argus.Alertmanager");
        _buildInfo = buildInfo;
        _integrations = integrations;
    }

    /// <summary>Runs until asked to stop; 0 after a requested shutdown, 1 when startup fails.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        _logger.LogInformation("Starting Argus alert manager {version} (revision={revision})", _buildInfo.Version, _buildInfo.Revision);
        ProcessCollector.Register(_registry);
        RuntimeCollector.Register(_registry);
        _buildInfo.Register(_registry);
        using var loggerFactory = LoggerFactory.Create(builder =>
        {
            builder.ClearProviders();
            builder.SetMinimumLevel(LogLevel.Trace);
            builder.AddProvider(new NonDisposingLoggerProvider(_logs));
        });
        try
        {
            _service = new AlertManagerService(new AlertManagerServiceOptions
            {
                ConfigFile = _flags.ConfigFile,
                StoragePath = _flags.StoragePath,
                Retention = _flags.Retention,
                HistoryRetention = _flags.HistoryRetention,
                HistoryMaxBytes = _flags.HistoryMaxBytes,
                ExternalUrl = _flags.Web.ExternalUrl,
                Integrations = _integrations,
                Registry = _registry,
                LoggerFactory = loggerFactory,
            });
            _service.Start();
        }
        catch (Exception ex) when (ex is ConfigException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            _logger.LogError("Loading configuration file failed: {err}", ex.Message);
            if (_service is not null)
            {
                await _service.DisposeAsync().ConfigureAwait(false);
            }
            return 1;
        }
        await using var service = _service;
        using var signals = RegisterSignals();
        using var stopOnCancel = cancellationToken.Register(() => RequestShutdown("cancelled"));
        var web = new ArgusWebHost(_flags.Web, _registry, _readiness, this, _logs, [_service.Api]);
        return await StandaloneWebHost.ServeUntilShutdownAsync(web, _readiness, _shutdown.Task, _logger).ConfigureAwait(false);
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        if (_service is null)
        {
            throw new InvalidOperationException("the alert manager is still starting");
        }
        try
        {
            await _service.ReloadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConfigException ex)
        {
            _logger.LogError("Error reloading config, keeping the running configuration: {err}", ex.Message);
            throw;
        }
    }

    public void RequestShutdown(string reason) => _shutdown.TrySetResult(reason);

    private SignalRegistrations RegisterSignals() =>
        SignalRegistrations.ForLifecycle(RequestShutdown, () => _ = ReloadFromSignalAsync());

    private async Task ReloadFromSignalAsync()
    {
        try
        {
            await ReloadAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConfigException or InvalidOperationException or IOException)
        {
            // Already logged; a signal has nobody else to report to.
            _logger.LogDebug("Reload triggered by SIGHUP failed: {err}", ex.Message);
        }
    }
}
