namespace Argus.Config;

/// <summary>How a Prometheus configuration is loaded.</summary>
public sealed class PrometheusConfigLoadOptions
{
    /// <summary>Agent mode: <c>alerting</c>, <c>rule_files</c> and <c>remote_read</c> are not allowed.</summary>
    public bool AgentMode { get; init; }

    /// <summary>Looks up environment variables for <c>external_labels</c> expansion.</summary>
    public Func<string, string?> GetEnvironment { get; init; } = Environment.GetEnvironmentVariable;

    public static PrometheusConfigLoadOptions Default { get; } = new();
}
