namespace Argus.Alerting.Config.Receivers;

/// <summary>An attachment button of a Rocket.Chat message.</summary>
public sealed record RocketchatAction(string? Type, string? Text, string? Url, string? Msg);
