using Argus.Notify;

namespace Argus.Server.Tests.Alertmanager;

/// <summary>An integration that records what it is asked to send; safe for the concurrent flushes of a running alert manager.</summary>
internal sealed class SharedRecordingNotifier(string receiver) : INotifier
{
    private readonly Lock _lock = new();
    private readonly List<NotificationRequest> _sent = [];

    public string Receiver { get; } = receiver;

    public string Integration => "webhook";

    public bool SendResolved => true;

    public List<NotificationRequest> Sent
    {
        get
        {
            lock (_lock)
            {
                return [.. _sent];
            }
        }
    }

    public Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _sent.Add(request);
        }
        return Task.CompletedTask;
    }
}
