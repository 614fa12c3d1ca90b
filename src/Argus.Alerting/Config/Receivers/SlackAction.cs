namespace Argus.Alerting.Config.Receivers;

/// <summary>An action button of a Slack message: a link button when <see cref="Url"/> is set,
/// otherwise a message action identified by <see cref="Name"/>.</summary>
public sealed record SlackAction(string Type, string Text, string? Url, string? Style, string? Name, string? Value, SlackConfirmationField? Confirm);
