namespace Argus.Rules.Alerting;

/// <summary>Where an alert is in its life: inactive (resolved), pending (waiting out <c>for</c>) or firing.</summary>
public enum AlertState : byte
{
    Inactive,
    Pending,
    Firing,
}
