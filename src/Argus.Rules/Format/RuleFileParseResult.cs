namespace Argus.Rules.Format;

/// <summary>
/// The outcome of loading one rule file: the groups that were read, every error found
/// (<c>file:line:col: cause</c>) and promtool-style warnings. The groups are only meant to be used
/// when <see cref="IsValid"/> is true.
/// </summary>
public sealed record RuleFileParseResult(IReadOnlyList<RuleGroupDefinition> Groups, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>The number of rules over all groups.</summary>
    public int RuleCount => Groups.Sum(g => g.Rules.Count);
}
