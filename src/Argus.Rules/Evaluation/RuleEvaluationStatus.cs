namespace Argus.Rules.Evaluation;

/// <summary>What the last evaluation of one rule left behind. Immutable: a rule swaps the whole record,
/// so readers on other threads always see a consistent status.</summary>
public sealed record RuleEvaluationStatus(RuleHealth Health, string LastError, DateTimeOffset? LastEvaluation, TimeSpan Duration)
{
    public static RuleEvaluationStatus NotYetEvaluated { get; } = new(RuleHealth.Unknown, string.Empty, null, TimeSpan.Zero);

    /// <summary>The API's spelling of <see cref="Health"/>: <c>ok</c>, <c>err</c> or <c>unknown</c>.</summary>
    public string HealthText => Health switch
    {
        RuleHealth.Ok => "ok",
        RuleHealth.Err => "err",
        _ => "unknown",
    };
}
