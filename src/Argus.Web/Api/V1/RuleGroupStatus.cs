namespace Argus.Web.Api.V1;

/// <summary>One rule group for <c>/api/v1/rules</c>, filled by the rule manager.</summary>
/// <param name="LastEvaluation">Null before the first evaluation (shown as Go's zero time).</param>
public sealed record RuleGroupStatus(
    string Name,
    string File,
    IReadOnlyList<RuleStatus> Rules,
    TimeSpan Interval,
    int Limit,
    TimeSpan EvaluationTime,
    DateTimeOffset? LastEvaluation);
