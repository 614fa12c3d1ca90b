namespace Argus.Notify.Tests.Pipeline;

/// <summary>An integration whose sends all wait until <see cref="Open"/> is called, counting how many wait at once.</summary>
public sealed class BlockingNotifier(string integration) : INotifier
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _maxInFlight;
    private int _delivered;

    public string Integration { get; } = integration;

    public bool SendResolved => true;

    /// <summary>The most sends that were in progress at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int InFlight => Volatile.Read(ref _inFlight);

    public int Delivered => Volatile.Read(ref _delivered);

    /// <summary>Lets every waiting and every later send finish.</summary>
    public void Open() => _open.TrySetResult();

    public async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int max;
        while (now > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }
        try
        {
            await _open.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _delivered);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
