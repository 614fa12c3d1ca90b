namespace Argus.Templates.Prometheus;

/// <summary>
/// The data of an alerting rule's annotation and label templates (Prometheus' <c>AlertTemplateData</c>):
/// visible as <c>.Labels</c>, <c>.ExternalLabels</c>, <c>.ExternalURL</c>, <c>.Value</c> and through the
/// variables <c>$labels</c>, <c>$externalLabels</c>, <c>$externalURL</c>, <c>$value</c>.
/// </summary>
public sealed record AlertTemplateData(
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> ExternalLabels,
    string ExternalURL,
    object? Value);
