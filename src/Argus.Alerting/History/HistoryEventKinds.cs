using Argus.Alerting.Routing;

namespace Argus.Alerting.History;

/// <summary>The API's names of <see cref="HistoryEventKind"/> (<c>firing</c>, <c>silence_created</c>, …).</summary>
public static class HistoryEventKinds
{
    public static string Name(HistoryEventKind kind) => kind switch
    {
        HistoryEventKind.Firing => "firing",
        HistoryEventKind.Resolved => "resolved",
        HistoryEventKind.Silenced => "silenced",
        HistoryEventKind.Unsilenced => "unsilenced",
        HistoryEventKind.Inhibited => "inhibited",
        HistoryEventKind.Uninhibited => "uninhibited",
        HistoryEventKind.Acknowledged => "acknowledged",
        HistoryEventKind.Unacknowledged => "unacknowledged",
        HistoryEventKind.Escalated => "escalated",
        HistoryEventKind.Notified => "notified",
        HistoryEventKind.SilenceCreated => "silence_created",
        HistoryEventKind.SilenceExpiring => "silence_expiring",
        HistoryEventKind.SilenceExpired => "silence_expired",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown history event kind"),
    };

    /// <summary>The history event of a silence-lifecycle event.</summary>
    public static HistoryEventKind Of(SilenceEventKind kind) => kind switch
    {
        SilenceEventKind.Created => HistoryEventKind.SilenceCreated,
        SilenceEventKind.Expiring => HistoryEventKind.SilenceExpiring,
        _ => HistoryEventKind.SilenceExpired,
    };

    /// <summary>Whether <paramref name="kind"/> is a defined kind (persisted bytes are checked with it).</summary>
    public static bool IsDefined(HistoryEventKind kind) => kind is >= HistoryEventKind.Firing and <= HistoryEventKind.SilenceExpired;
}
