using Argus.Alerting.Config;
using Argus.Alerting.Groups;
using Argus.Alerting.History;
using Argus.Alerting.Inhibit;
using Argus.Alerting.Silences;
using Argus.Templates.Alertmanager;
using Microsoft.Extensions.Logging;

namespace Argus.Notify.Pipeline;

/// <summary>What one <see cref="NotificationPipeline"/> works with; the composition root builds one per loaded configuration.</summary>
public sealed class NotificationPipelineOptions
{
    public required AlertmanagerConfig Config { get; init; }

    /// <summary>Builds the integrations of a receiver (the integration factory of Argus.Notify.Integrations);
    /// called once per receiver when the pipeline is built.</summary>
    public required Func<Receiver, IReadOnlyList<INotifier>> Integrations { get; init; }

    public required SilenceStore Silences { get; init; }

    public required Inhibitor Inhibitor { get; init; }

    public required Alerting.NotificationLog.NotificationLog NotificationLog { get; init; }

    public required AlertmanagerTemplates Templates { get; init; }

    public required Uri ExternalUrl { get; init; }

    public required NotificationMetrics Metrics { get; init; }

    /// <summary>Argus's escalation and acknowledgement state; null switches escalation and acknowledgement off.</summary>
    public GroupStates? Groups { get; init; }

    /// <summary>Where deliveries are recorded (<c>notified</c> events); null records nothing.</summary>
    public HistoryLog? History { get; init; }

    /// <summary>Signs the acknowledgement links put into notifications; null leaves them out.</summary>
    public AcknowledgementTokens? AcknowledgementTokens { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILogger? Logger { get; init; }

    /// <summary>First wait between attempts of a retryable failure; each later wait is 1.5 times longer (Alertmanager's back-off).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How many notifications one integration renders and sends at a time; more wait their turn before rendering.
    /// As many as the HTTP clients keep connections to one host, so a receiver is never kept below what its
    /// connections could carry.
    /// </summary>
    public int MaxSendsInFlight { get; init; } = Argus.Notify.Integrations.Http.NotifierHttpClients.MaxConnectionsPerHost;

    /// <summary>Longest wait between attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(1);
}
