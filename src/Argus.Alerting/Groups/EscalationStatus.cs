namespace Argus.Alerting.Groups;

/// <summary>Where a group stands in its route's escalation policy, as <c>GET /api/v2/alerts/groups</c> shows it.</summary>
/// <param name="Step">How many escalation steps have fired in the current episode (0 before the first).</param>
/// <param name="Notified">The receivers notified in the current episode, the route's first.</param>
/// <param name="NextStepAt">When the next step fires if nobody acknowledges; null when none is pending (no
/// episode yet, acknowledged, or every step fired).</param>
/// <param name="NextReceiver">The receiver of the next step; null when acknowledged or every step fired.</param>
public sealed record EscalationStatus(int Step, IReadOnlyList<string> Notified, DateTime? NextStepAt, string? NextReceiver);
