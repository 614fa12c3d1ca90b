using Argus.Model.Labels;

namespace Argus.Alerting.Routing;

/// <summary>
/// One node of the <c>route</c> tree exactly as written in the configuration: unset fields are null
/// and nothing is inherited yet. <see cref="Route.Build"/> turns a validated tree into the routing
/// tree with effective settings.
/// </summary>
public sealed class RouteConfig
{
    public string? Receiver { get; init; }

    /// <summary><c>group_by</c> as written; <c>['...']</c> means "group by all labels".</summary>
    public IReadOnlyList<string>? GroupBy { get; init; }

    /// <summary>Deprecated <c>match</c>: label name → exact value.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Match { get; init; } = [];

    /// <summary>Deprecated <c>match_re</c>: label name → regex (anchored when matching).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> MatchRe { get; init; } = [];

    /// <summary><c>matchers</c>, parsed and sorted.</summary>
    public IReadOnlyList<LabelMatcher> Matchers { get; init; } = [];

    public IReadOnlyList<string> MuteTimeIntervals { get; init; } = [];

    public IReadOnlyList<string> ActiveTimeIntervals { get; init; } = [];

    public bool Continue { get; init; }

    public TimeSpan? GroupWait { get; init; }

    public TimeSpan? GroupInterval { get; init; }

    public TimeSpan? RepeatInterval { get; init; }

    /// <summary>Argus's <c>escalation</c> steps; null when unset (inherited), empty to switch off an inherited policy.</summary>
    public IReadOnlyList<EscalationStep>? Escalation { get; init; }

    /// <summary>Argus's <c>repeat_interval_growth</c>: each repeat of an unchanged notification waits this many
    /// times longer than the one before (1 = Alertmanager's constant repeat).</summary>
    public double? RepeatIntervalGrowth { get; init; }

    /// <summary>Argus's <c>max_repeat_interval</c>: the longest a growing repeat interval gets.</summary>
    public TimeSpan? MaxRepeatInterval { get; init; }

    /// <summary>Argus's <c>silence_notifications</c> subscription, or null when unset (inherited).</summary>
    public SilenceNotificationConfig? SilenceNotifications { get; init; }

    public IReadOnlyList<RouteConfig> Routes { get; init; } = [];

    /// <summary>1-based line of the node in its file, 0 when built in code; for error messages.</summary>
    public int Line { get; init; }

    /// <summary>1-based column of the node, 0 when built in code.</summary>
    public int Column { get; init; }
}
