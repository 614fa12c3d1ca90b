namespace Argus.Notify.Pipeline;

/// <summary>Why the de-duplication rule lets a notification through (<see cref="NotificationPipeline.Reason"/>).</summary>
public enum NotificationReason
{
    /// <summary>Nothing new: no notification.</summary>
    None,

    /// <summary>The group was never notified and something fires.</summary>
    FirstFiring,

    /// <summary>An alert fires that was not firing at the last notification.</summary>
    NewFiring,

    /// <summary>Nothing fires any more and the last notification reported firing alerts.</summary>
    AllResolved,

    /// <summary>Alerts resolved since the last notification and the integration sends resolved alerts.</summary>
    NewlyResolved,

    /// <summary>Nothing changed, but the (possibly grown) repeat interval passed.</summary>
    Repeat,
}
