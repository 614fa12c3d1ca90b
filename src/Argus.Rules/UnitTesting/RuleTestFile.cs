namespace Argus.Rules.UnitTesting;

/// <summary>A <c>promtool test rules</c> file: the rule files under test and the test groups run against them.</summary>
public sealed record RuleTestFile
{
    /// <summary>The test file's path, as given.</summary>
    public required string Path { get; init; }

    /// <summary>Rule file patterns (globs allowed), relative to the test file's folder.</summary>
    public IReadOnlyList<string> RuleFiles { get; init; } = [];

    /// <summary>How often every rule group is evaluated during a test (default 1m).</summary>
    public TimeSpan EvaluationInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Group names in the order they are evaluated at each step; the others follow in file order.</summary>
    public IReadOnlyList<string> GroupEvalOrder { get; init; } = [];

    /// <summary>Compare floats allowing a difference in the last bit of the mantissa.</summary>
    public bool FuzzyCompare { get; init; }

    public IReadOnlyList<RuleTestGroup> Tests { get; init; } = [];
}
