namespace Argus.Rules.Notifier;

/// <summary>Settings of the <see cref="AlertNotifier"/> that come from flags rather than the configuration file.</summary>
public sealed record NotifierOptions
{
    /// <summary>Prometheus's default for <c>--alertmanager.notification-queue-capacity</c>.</summary>
    public const int DefaultQueueCapacity = 10_000;

    /// <summary>Most alerts queued for sending; when full, the oldest are dropped (and counted) for the newest.</summary>
    public int QueueCapacity { get; init; } = DefaultQueueCapacity;

    /// <summary>Most alerts in one request to an Alertmanager (Prometheus sends at most 256).</summary>
    public int MaxBatchSize { get; init; } = 256;

    /// <summary>The <c>User-Agent</c> of notification requests.</summary>
    public string UserAgent { get; init; } = "Argus";

    /// <summary>Whether stopping first tries to send what is still queued (bounded by the stop deadline), as
    /// Prometheus does by default.</summary>
    public bool DrainOnShutdown { get; init; } = true;
}
