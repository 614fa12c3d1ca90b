using Argus.Alerting.Config;
using Argus.Instrumentation.Metrics;
using Argus.Notify;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Alertmanager;

/// <summary>Settings of an <see cref="AlertManagerService"/>, from <c>argus alertmanager</c>'s flags or <c>argus server</c>'s.</summary>
public sealed class AlertManagerServiceOptions
{
    /// <summary>The Alertmanager configuration file (<c>--config.file</c> / <c>--alertmanager.config.file</c>).</summary>
    public required string ConfigFile { get; init; }

    /// <summary>Directory for silences and the notification log (<c>--storage.path</c>).</summary>
    public required string StoragePath { get; init; }

    /// <summary>How long expired silences and notification-log entries are kept (<c>--data.retention</c>).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(120);

    /// <summary>How often resolved alerts are dropped and snapshots written (Alertmanager: 15 minutes).</summary>
    public TimeSpan MaintenanceInterval { get; init; } = TimeSpan.FromMinutes(15);

    public required Uri ExternalUrl { get; init; }

    /// <summary>Builds a receiver's integrations; the composition root passes the integration factory.</summary>
    public required Func<Receiver, IReadOnlyList<INotifier>> Integrations { get; init; }

    public required MetricsRegistry Registry { get; init; }

    public required ILoggerFactory LoggerFactory { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
