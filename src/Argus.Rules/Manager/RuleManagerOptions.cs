namespace Argus.Rules.Manager;

/// <summary>The <c>--rules.alert.*</c> settings and defaults the rule manager runs with.</summary>
public sealed record RuleManagerOptions
{
    /// <summary>Longest outage after which the <c>for</c> state of alerts is still restored (default 1h).</summary>
    public TimeSpan ForOutageTolerance { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Least time between restoring <c>for</c> state and an alert firing (default 10m).</summary>
    public TimeSpan ForGracePeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Least time between re-sending a still-firing alert to the notifier (default 1m).</summary>
    public TimeSpan ResendDelay { get; init; } = TimeSpan.FromMinutes(1);
}
