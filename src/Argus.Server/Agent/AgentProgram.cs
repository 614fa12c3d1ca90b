using Argus.Instrumentation.Collectors;
using Argus.Instrumentation.Metrics;
using Argus.Scrape.Host;
using Argus.Server.Composition;
using Argus.Web.Hosting;
using Argus.Web.Ingest;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Agent;

/// <summary>
/// <c>argus agent</c>: Argus on a monitored machine, without storage, queries or rules. Each chosen
/// <see cref="AgentMode"/> adds its part; today the only mode is the host collector, which makes the agent a
/// node_exporter: <c>/metrics</c> serves the host metrics plus the agent's own process metrics (as node_exporter
/// serves its Go and process metrics next to the node ones), <c>/metrics/host</c> the host metrics alone, as
/// <c>argus server</c> does. <c>/-/healthy</c> and <c>/-/ready</c> answer for probes; SIGTERM and SIGINT stop
/// it gracefully.
/// </summary>
public sealed class AgentProgram : IServerLifecycle
{
    private readonly AgentFlagValues _flags;
    private readonly ILoggerProvider _logs;
    private readonly ILogger _logger;
    private readonly BuildInfo _buildInfo;
    private readonly MetricsRegistry _registry = new();
    private readonly ReadinessGate _readiness = new();
    private readonly TaskCompletionSource<string> _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AgentProgram(AgentFlagValues flags, ILoggerProvider logs, BuildInfo buildInfo)
    {
        _flags = flags;
        _logs = logs;
        _logger = logs.CreateLogger("Argus.Agent");
        _buildInfo = buildInfo;
    }

    /// <summary>Runs until asked to stop; 0 after a requested shutdown, 1 when the listener cannot be opened.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        _logger.LogInformation("Starting Argus agent {version} (revision={revision}, modes={modes})",
            _buildInfo.Version, _buildInfo.Revision, string.Join(",", _flags.Modes.Order()));
        ProcessCollector.Register(_registry);
        RuntimeCollector.Register(_registry);
        _buildInfo.Register(_registry);
        var modules = new List<IWebModule>();
        if (_flags.Modes.Contains(AgentMode.HostCollector))
        {
            _logger.LogInformation("Host collector reads procfs={procfs} sysfs={sysfs}", _flags.HostPaths.Proc, _flags.HostPaths.Sys);
            var host = new HostCollector(_flags.HostPaths, logger: _logs.CreateLogger("Argus.HostCollector"));
            _registry.RegisterCollector(host);
            modules.Add(new HostMetricsModule(host));
        }

        using var signals = SignalRegistrations.ForLifecycle(RequestShutdown, reload: null);
        using var stopOnCancel = cancellationToken.Register(() => RequestShutdown("cancelled"));
        var web = new ArgusWebHost(_flags.Web, _registry, _readiness, this, _logs, modules);
        var exitCode = await StandaloneWebHost.ServeUntilShutdownAsync(web, _readiness, _shutdown.Task, _logger).ConfigureAwait(false);
        if (exitCode == 0)
        {
            _logger.LogInformation("Agent stopped");
        }
        return exitCode;
    }

    /// <summary>Never reached through HTTP (the agent keeps <c>/-/reload</c> disabled); an agent's settings are
    /// all flags, so there is nothing to re-read.</summary>
    public Task ReloadAsync(CancellationToken cancellationToken) =>
        Task.FromException(new InvalidOperationException("argus agent has no configuration file to reload; restart it to change its flags"));

    public void RequestShutdown(string reason) => _shutdown.TrySetResult(reason);
}
