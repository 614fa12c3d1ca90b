namespace Argus.Alerting.Config.Receivers;

/// <summary>A link attached to a PagerDuty event.</summary>
public sealed record PagerdutyLink(string? Href, string? Text);
