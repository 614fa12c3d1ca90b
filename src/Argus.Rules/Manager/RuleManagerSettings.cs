using Argus.Model.Labels;

namespace Argus.Rules.Manager;

/// <summary>The parts of the Prometheus configuration (and flags) a rule-manager reload applies.</summary>
public sealed record RuleManagerSettings
{
    /// <summary>The global <c>evaluation_interval</c>, for groups without their own.</summary>
    public TimeSpan EvaluationInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The global <c>rule_query_offset</c>, for groups without their own.</summary>
    public TimeSpan QueryOffset { get; init; }

    public LabelSet ExternalLabels { get; init; } = LabelSet.Empty;

    /// <summary>The server's external URL (<c>--web.external-url</c>).</summary>
    public string ExternalUrl { get; init; } = string.Empty;
}
