namespace Argus.Scrape.Discovery;

/// <summary>
/// Drives one discoverer after its first refresh: waits for its refresh interval or its change signal, then calls
/// the caller's refresh, until cancelled. Sources that never change return at once.
/// </summary>
public static class DiscoveryLoop
{
    /// <summary>Settle time after a change signal, so a burst of file events causes one re-read.</summary>
    private static readonly TimeSpan ChangeSettleTime = TimeSpan.FromMilliseconds(50);

    /// <param name="refresh">Refreshes the source and applies its groups; must handle its own failures.</param>
    public static async Task RunAsync(ITargetDiscoverer discoverer, Func<CancellationToken, Task> refresh, TimeProvider time,
        CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var interval = discoverer.RefreshInterval;
                if (interval == Timeout.InfiniteTimeSpan && discoverer.ChangeSignal is null)
                {
                    return;
                }
                var wait = Task.Delay(interval, time, cancellationToken);
                if (discoverer.ChangeSignal is { } signal)
                {
                    await Task.WhenAny(wait, signal.WaitAsync(cancellationToken)).ConfigureAwait(false);
                    await Task.Delay(ChangeSettleTime, time, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await wait.ConfigureAwait(false);
                }
                cancellationToken.ThrowIfCancellationRequested();
                await refresh(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
