namespace Argus.Server.Check;

/// <summary>The outcome of checking one rule file: how many rules it defines, every error found and
/// promtool-style lint warnings (which do not make the file invalid).</summary>
public sealed record RuleCheckResult(int RuleCount, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public IReadOnlyList<string> Warnings { get; init; } = [];
}
