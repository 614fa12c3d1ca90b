namespace Argus.Alerting.Config.Receivers;

/// <summary>One attachment field of a Rocket.Chat message.</summary>
public sealed record RocketchatField(string? Title, string? Value, bool? Short);
