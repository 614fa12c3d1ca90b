namespace Argus.Alerting.History;

/// <summary>
/// What happened to an alert (or, for the <c>Silence*</c> kinds, to a silence). The numbers are persisted in
/// the history files and must never change; <see cref="HistoryEventKinds.Name"/> gives the API's spelling.
/// </summary>
public enum HistoryEventKind : byte
{
    Firing = 1,
    Resolved = 2,
    Silenced = 3,
    Unsilenced = 4,
    Inhibited = 5,
    Uninhibited = 6,
    Acknowledged = 7,
    Unacknowledged = 8,
    Escalated = 9,
    Notified = 10,
    SilenceCreated = 11,
    SilenceExpiring = 12,
    SilenceExpired = 13,
}
