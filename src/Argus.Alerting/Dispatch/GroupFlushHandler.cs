namespace Argus.Alerting.Dispatch;

/// <summary>
/// Sends (or decides not to send) the notifications for one flush; supplied by the composition root (the
/// notification pipeline in Argus.Notify). Returns true when every integration succeeded or had nothing to
/// do, which lets the dispatcher drop the resolved alerts it just reported. Must not throw for delivery
/// failures; <paramref name="cancellationToken"/> fires at the group's next flush or on shutdown.
/// </summary>
public delegate Task<bool> GroupFlushHandler(GroupNotification notification, CancellationToken cancellationToken);
