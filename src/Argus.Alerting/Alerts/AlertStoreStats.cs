namespace Argus.Alerting.Alerts;

/// <summary>Counters of the alert store, updated with <see cref="System.Threading.Interlocked"/>; the server publishes them.</summary>
public sealed class AlertStoreStats
{
    public long AlertsReceived;

    public long AlertsMerged;

    public long AlertsInvalid;

    public long AlertsCollected;
}
