using Argus.Instrumentation.Metrics;
using Argus.Rules.Notifier;
using Argus.Server.Config;
using Argus.Web.Api.V1;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Composition;

/// <summary>
/// Runs the notifier that posts the rule manager's alerts to the configured Alertmanagers. It starts before the
/// rule manager, so alerts sent from the first evaluation on find it ready; each configuration (start and every
/// reload) hands it <c>alerting</c> and the external labels, and its queue survives reloads.
/// </summary>
internal sealed class NotifierComponent(NotifierOptions options, MetricsRegistry registry, ILogger logger) : IServerComponent
{
    // Created up front so its metrics are registered once, whatever the lifecycle does.
    private readonly AlertNotifier _notifier = new(options, registry, logger);

    public string Name => "notifier";

    public async Task StartAsync(LoadedConfig config, CancellationToken cancellationToken)
    {
        await ApplyConfigAsync(config, cancellationToken).ConfigureAwait(false);
        _notifier.Start();
    }

    public Task ApplyConfigAsync(LoadedConfig config, CancellationToken cancellationToken) =>
        _notifier.ApplyConfigAsync(config.Config.Alerting, config.Config.Global.ExternalLabels, cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _notifier.StopAsync(cancellationToken).ConfigureAwait(false);
        await _notifier.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Queues alerts for the Alertmanagers; the rule manager's send hook. Returns at once.</summary>
    public void Send(IReadOnlyList<OutgoingAlert> alerts) => _notifier.Send(alerts);

    /// <summary>The Alertmanagers for <c>/api/v1/alertmanagers</c>, as full URLs.</summary>
    public AlertmanagerStatus Status() => new(
        _notifier.ActiveAlertmanagers.Select(a => a.Url.AbsoluteUri).ToList(),
        _notifier.DroppedAlertmanagers.Select(a => a.Url.AbsoluteUri).ToList());
}
