namespace Argus.Rules.Evaluation;

/// <summary>The outcome of a rule's last evaluation, as <c>/api/v1/rules</c> names it.</summary>
public enum RuleHealth : byte
{
    /// <summary>Not evaluated yet.</summary>
    Unknown,
    Ok,
    Err,
}
