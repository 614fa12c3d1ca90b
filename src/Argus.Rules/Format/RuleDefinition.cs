namespace Argus.Rules.Format;

/// <summary>
/// One rule as written in a rule file: a recording rule when <see cref="Record"/> is set, an
/// alerting rule when <see cref="Alert"/> is set. Immutable once loaded.
/// </summary>
public sealed record RuleDefinition
{
    /// <summary>The metric name a recording rule writes, or null for an alerting rule.</summary>
    public string? Record { get; init; }

    /// <summary>The alert name of an alerting rule, or null for a recording rule.</summary>
    public string? Alert { get; init; }

    /// <summary>The PromQL expression text, as written.</summary>
    public required string Expr { get; init; }

    /// <summary>How long an alert stays pending before firing (alerting rules only).</summary>
    public TimeSpan For { get; init; }

    /// <summary>How long an alert keeps firing after its condition is gone (alerting rules only).</summary>
    public TimeSpan KeepFiringFor { get; init; }

    /// <summary>Extra labels, in file order; values of alerting rules are templates.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    /// <summary>Annotations (alerting rules only), in file order; values are templates.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Annotations { get; init; } = [];

    /// <summary>1-based line of the rule in its file, for messages.</summary>
    public int Line { get; init; }

    /// <summary>True for an alerting rule.</summary>
    public bool IsAlerting => Alert is not null;

    /// <summary>The rule's name: the recorded metric or the alert name.</summary>
    public string Name => Alert ?? Record ?? string.Empty;
}
