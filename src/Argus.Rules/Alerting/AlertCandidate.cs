using Argus.Model.Labels;

namespace Argus.Rules.Alerting;

/// <summary>One element of an alerting rule's query result after templating: the alert's final
/// labels (with <c>alertname</c>, without <c>__name__</c>), rendered annotations and sample value.</summary>
public sealed record AlertCandidate(LabelSet Labels, IReadOnlyList<KeyValuePair<string, string>> Annotations, double Value);
