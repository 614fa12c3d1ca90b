using Argus.Alerting.Config;
using Argus.Alerting.History;
using Argus.Instrumentation.Metrics;
using Argus.Notify;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Alertmanager;

/// <summary>Settings of an <see cref="AlertManagerService"/>, from <c>argus alertmanager</c>'s flags or <c>argus server</c>'s.</summary>
public sealed class AlertManagerServiceOptions
{
    /// <summary>The Alertmanager configuration file (<c>--config.file</c> / <c>--alertmanager.config.file</c>).</summary>
    public required string ConfigFile { get; init; }

    /// <summary>Directory for silences, the notification log, group states, the history and the acknowledgement
    /// key (<c>--storage.path</c>).</summary>
    public required string StoragePath { get; init; }

    /// <summary>How long expired silences and notification-log entries are kept (<c>--data.retention</c>).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(120);

    /// <summary>How often resolved alerts are dropped and snapshots written (Alertmanager: 15 minutes).</summary>
    public TimeSpan MaintenanceInterval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long alert-history events are kept (<c>--history.retention</c>).</summary>
    public TimeSpan HistoryRetention { get; init; } = HistoryLogOptions.DefaultRetention;

    /// <summary>How many bytes of alert-history events are kept at most (<c>--history.retention.size</c>).</summary>
    public long HistoryMaxBytes { get; init; } = HistoryLogOptions.DefaultMaxBytes;

    /// <summary>How often silencing, inhibition, ends of silences and acknowledgement silences are looked at for the
    /// history and silence notifications (also right after every silence change), and the history fsynced.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(10);

    public required Uri ExternalUrl { get; init; }

    /// <summary>Builds a receiver's integrations; the composition root passes the integration factory.</summary>
    public required Func<Receiver, IReadOnlyList<INotifier>> Integrations { get; init; }

    public required MetricsRegistry Registry { get; init; }

    public required ILoggerFactory LoggerFactory { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
