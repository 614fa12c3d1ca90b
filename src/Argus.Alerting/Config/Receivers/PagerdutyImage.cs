namespace Argus.Alerting.Config.Receivers;

/// <summary>An image attached to a PagerDuty event.</summary>
public sealed record PagerdutyImage(string? Src, string? Alt, string? Href);
