namespace Argus.Rules.Format;

/// <summary>How strictly a rule file is validated.</summary>
public sealed record RuleFileOptions
{
    /// <summary>The defaults Prometheus 3 uses: UTF-8 names, unknown fields are errors.</summary>
    public static RuleFileOptions Default { get; } = new();

    /// <summary>Validate metric and label names with the legacy <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c> rules
    /// instead of "any valid UTF-8".</summary>
    public bool LegacyNameValidation { get; init; }

    /// <summary>Skip unknown fields instead of reporting them (promtool's <c>--ignore-unknown-fields</c>).</summary>
    public bool IgnoreUnknownFields { get; init; }

    /// <summary>Accept the experimental PromQL syntax Prometheus keeps behind feature flags: fill modifiers
    /// (<c>promql-binop-fill-modifiers</c>) and anchored ranges (<c>promql-extended-range-selectors</c>).</summary>
    public bool ExperimentalPromqlSyntax { get; init; }
}
