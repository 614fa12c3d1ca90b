namespace Argus.Notify.Tests.Pipeline;

/// <summary>An integration that records what it is asked to send and fails on demand.</summary>
public sealed class RecordingNotifier(string integration, bool sendResolved) : INotifier
{
    private readonly Queue<NotifyException> _failures = new();

    public string Integration { get; } = integration;

    public bool SendResolved { get; } = sendResolved;

    public List<NotificationRequest> Sent { get; } = [];

    public int Attempts { get; private set; }

    /// <summary>Makes the next attempts fail with these exceptions, in order.</summary>
    public void FailNext(params NotifyException[] failures)
    {
        foreach (var failure in failures)
        {
            _failures.Enqueue(failure);
        }
    }

    public Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        Attempts++;
        if (_failures.TryDequeue(out var failure))
        {
            throw failure;
        }
        Sent.Add(request);
        return Task.CompletedTask;
    }
}
