using System.Text.RegularExpressions;
using Argus.PromQL.Engine;

namespace Argus.Rules.UnitTesting;

/// <summary>How <see cref="RuleTestRunner"/> runs test files (promtool's <c>test rules</c> flags).</summary>
public sealed record RuleTestOptions
{
    /// <summary>Only test groups whose name matches one of these (promtool's <c>--run</c>); empty runs all.</summary>
    public IReadOnlyList<Regex> RunPatterns { get; init; } = [];

    /// <summary>Ignore unknown fields in the rule files under test (<c>--ignore-unknown-fields</c>).</summary>
    public bool IgnoreUnknownFields { get; init; }

    /// <summary>The engine settings tests run with (promtool enables every feature by default).</summary>
    public PromqlEngineOptions EngineOptions { get; init; } = new();
}
