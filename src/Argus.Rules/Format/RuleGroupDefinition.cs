namespace Argus.Rules.Format;

/// <summary>One <c>groups:</c> entry of a rule file. Immutable once loaded.</summary>
public sealed record RuleGroupDefinition
{
    /// <summary>The group name, unique within its file.</summary>
    public required string Name { get; init; }

    /// <summary>The file the group was loaded from (part of the group's identity in the manager).</summary>
    public string File { get; init; } = string.Empty;

    /// <summary>The evaluation interval, or null to use the global <c>evaluation_interval</c>.</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>How far back in time the group queries, or null to use the global rule query offset.</summary>
    public TimeSpan? QueryOffset { get; init; }

    /// <summary>The maximum number of series a recording rule or alerts an alerting rule may produce; 0 = no limit.</summary>
    public int Limit { get; init; }

    /// <summary>Labels added to every rule of the group (a rule's own labels win).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    /// <summary>The rules, in evaluation order.</summary>
    public IReadOnlyList<RuleDefinition> Rules { get; init; } = [];
}
