using Argus.Instrumentation.Metrics;
using Argus.PromQL.Engine;
using Argus.Rules.Manager;
using Argus.Rules.Notifier;
using Argus.Server.Config;
using Argus.Server.Options;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Composition;

/// <summary>
/// Runs the rule manager over the configuration's <c>rule_files</c>. Invalid rule files fail startup
/// and fail a reload (the running rules stay), as in Prometheus. Due alerts go to
/// <see cref="NotifierSink"/>, which the composition root connects to the notifier.
/// </summary>
internal sealed class RuleComponent(
    StorageHandle storage,
    PromqlEngine engine,
    RuleOptions options,
    Uri externalUrl,
    MetricsRegistry registry,
    ILogger logger,
    TimeProvider time) : IServerComponent
{
    private readonly Counter _unsent = registry.Counter("argus_rule_alerts_without_notifier_total",
        "Alerts the rule manager had due for sending while no notifier was connected.");

    private RuleManager? _manager;

    public string Name => "rule manager";

    /// <summary>
    /// Where alerts due after each evaluation go (firing ones every resend delay, resolved ones for 15
    /// minutes). Null while no notifier is connected; such alerts are only counted.
    /// </summary>
    public Action<IReadOnlyList<OutgoingAlert>>? NotifierSink { get; set; }

    /// <summary>The running manager (null before start), for the rules and alerts APIs.</summary>
    public RuleManager? Manager => _manager;

    public async Task StartAsync(LoadedConfig config, CancellationToken cancellationToken)
    {
        var managerOptions = new RuleManagerOptions
        {
            ForOutageTolerance = options.ForOutageTolerance,
            ForGracePeriod = options.ForGracePeriod,
            ResendDelay = options.ResendDelay,
        };
        _manager = new RuleManager(engine, storage, storage, managerOptions, Send, registry, logger, time);
        await ApplyConfigAsync(config, cancellationToken).ConfigureAwait(false);
    }

    public async Task ApplyConfigAsync(LoadedConfig config, CancellationToken cancellationToken)
    {
        var settings = new RuleManagerSettings
        {
            EvaluationInterval = config.Config.Global.EvaluationInterval,
            QueryOffset = config.Config.Global.RuleQueryOffset,
            ExternalLabels = config.Config.Global.ExternalLabels,
            ExternalUrl = externalUrl.ToString().TrimEnd('/'),
        };
        var errors = await _manager!.UpdateAsync(config.Config.ResolveRuleFiles(), settings).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("error loading rules: " + string.Join("; ", errors));
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_manager is not null)
        {
            await _manager.StopAsync().ConfigureAwait(false);
        }
    }

    private void Send(IReadOnlyList<OutgoingAlert> alerts)
    {
        if (NotifierSink is { } sink)
        {
            sink(alerts);
        }
        else
        {
            _unsent.Inc(alerts.Count);
        }
    }
}
