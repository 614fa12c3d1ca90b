namespace Argus.Alerting.Routing;

/// <summary>
/// One step of a route's <c>escalation</c> policy (an Argus extension): <see cref="After"/> the group's first
/// notification, while it still fires and nobody acknowledged it, <see cref="Receiver"/> is notified too.
/// </summary>
/// <param name="After">Delay from the group's first notification; steps of one policy strictly increase.</param>
/// <param name="Receiver">A receiver of the configuration.</param>
/// <param name="Line">1-based line of the step in its file, 0 when built in code; for error messages.</param>
/// <param name="Column">1-based column of the step, 0 when built in code.</param>
public sealed record EscalationStep(TimeSpan After, string Receiver, int Line = 0, int Column = 0);
