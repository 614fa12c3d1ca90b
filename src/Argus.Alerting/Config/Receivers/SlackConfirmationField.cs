namespace Argus.Alerting.Config.Receivers;

/// <summary>The confirmation dialog of a Slack action button (<c>text</c> required).</summary>
public sealed record SlackConfirmationField(string Text, string? Title, string? OkText, string? DismissText);
