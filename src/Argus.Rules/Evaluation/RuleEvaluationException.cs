namespace Argus.Rules.Evaluation;

/// <summary>An evaluation of one rule failed (bad result type, duplicate output series, limit exceeded).
/// The group catches it and keeps going with the next rule, as Prometheus does.</summary>
public sealed class RuleEvaluationException : Exception
{
    public RuleEvaluationException()
    {
    }

    public RuleEvaluationException(string message)
        : base(message)
    {
    }

    public RuleEvaluationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
