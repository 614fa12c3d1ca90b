namespace Argus.Alerting.Config.Receivers;

/// <summary>One attachment field of a Slack message (<c>title</c> and <c>value</c> required).</summary>
public sealed record SlackField(string Title, string Value, bool? Short);
