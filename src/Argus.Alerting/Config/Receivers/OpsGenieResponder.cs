namespace Argus.Alerting.Config.Receivers;

/// <summary>An OpsGenie responder: at least one of id, name or username, and a type
/// (team, teams, user, escalation or schedule, or a template producing one).</summary>
public sealed record OpsGenieResponder(string? Id, string? Name, string? Username, string Type);
