namespace Argus.Server.Options;

/// <summary>The <c>--rules.alert.*</c> settings for alerting rules.</summary>
public sealed record RuleOptions
{
    /// <summary>Longest Argus may be down and still restore the <c>for</c> state of alerts (default 1h).</summary>
    public required TimeSpan ForOutageTolerance { get; init; }

    /// <summary>Least time between restoring <c>for</c> state and an alert firing (default 10m).</summary>
    public required TimeSpan ForGracePeriod { get; init; }

    /// <summary>Least time between re-sending a firing alert to the Alertmanager (default 1m).</summary>
    public required TimeSpan ResendDelay { get; init; }
}
