using Argus.Alerting.Silences;

namespace Argus.Alerting.Alerts;

/// <summary>
/// Alertmanager's periodic housekeeping: drops resolved alerts from the store and, for silences, drops those
/// past the retention and writes a fresh snapshot (Alertmanager does both every 15 minutes by default).
/// </summary>
/// <remarks>Run one <see cref="RunAsync"/> per alert manager; the stores are thread-safe.</remarks>
public sealed class AlertManagerMaintenance(AlertStore alerts, SilenceStore silences, TimeSpan interval, Func<DateTime> utcNow)
{
    /// <summary>Runs housekeeping once: resolved alerts out, old silences out, snapshot written.</summary>
    public void RunOnce()
    {
        alerts.CollectResolved(utcNow());
        silences.Maintain();
    }

    /// <summary>Runs <see cref="RunOnce"/> every interval until cancelled, and once more on the way out so the snapshot is current.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                RunOnce();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            RunOnce();
        }
    }
}
