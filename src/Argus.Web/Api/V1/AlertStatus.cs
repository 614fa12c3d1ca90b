using Argus.Model.Labels;

namespace Argus.Web.Api.V1;

/// <summary>One pending or firing alert, as <c>/api/v1/alerts</c> and the alerting rules of <c>/api/v1/rules</c> show it.</summary>
/// <param name="State"><c>pending</c> or <c>firing</c>.</param>
/// <param name="ActiveAt">When the alert became active; null omits the field as Prometheus does.</param>
/// <param name="KeepFiringSince">When the expression stopped matching while keep_firing_for holds the alert; null omits the field.</param>
/// <param name="Value">The sample value that triggered the alert.</param>
public sealed record AlertStatus(
    LabelSet Labels,
    LabelSet Annotations,
    string State,
    DateTimeOffset? ActiveAt,
    DateTimeOffset? KeepFiringSince,
    double Value);
