namespace Argus.Server.Check;

/// <summary>The outcome of checking one rule file: how many rules it defines and every error found.</summary>
public sealed record RuleCheckResult(int RuleCount, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
