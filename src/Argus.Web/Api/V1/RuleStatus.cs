using Argus.Model.Labels;

namespace Argus.Web.Api.V1;

/// <summary>
/// One rule of a group for <c>/api/v1/rules</c>. A recording rule leaves the alerting fields at their
/// defaults (<see cref="IsAlerting"/> false); an alerting rule fills them.
/// </summary>
/// <param name="Health"><c>ok</c>, <c>err</c> or <c>unknown</c>.</param>
/// <param name="LastError">Empty when the last evaluation succeeded.</param>
/// <param name="LastEvaluation">Null before the first evaluation (shown as Go's zero time).</param>
public sealed record RuleStatus(
    string Name,
    string Query,
    LabelSet Labels,
    string Health,
    string LastError,
    TimeSpan EvaluationTime,
    DateTimeOffset? LastEvaluation)
{
    public bool IsAlerting { get; init; }

    /// <summary><c>inactive</c>, <c>pending</c> or <c>firing</c> (alerting rules only).</summary>
    public string State { get; init; } = "inactive";

    /// <summary>The rule's <c>for</c> (alerting rules only).</summary>
    public TimeSpan Duration { get; init; }

    public TimeSpan KeepFiringFor { get; init; }

    public LabelSet Annotations { get; init; } = LabelSet.Empty;

    public IReadOnlyList<AlertStatus> Alerts { get; init; } = [];
}
