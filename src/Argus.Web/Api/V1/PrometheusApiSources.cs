using Argus.Model.Labels;

namespace Argus.Web.Api.V1;

/// <summary>
/// What the Prometheus API reads from the rest of the server besides storage and the engine. The
/// composition root fills these in; each is called per request so reloads show up immediately.
/// </summary>
public sealed class PrometheusApiSources
{
    /// <summary>Command-line flags by name (without the leading dashes), for <c>/api/v1/status/flags</c>.</summary>
    public Func<IReadOnlyDictionary<string, string>> Flags { get; init; } = static () => new Dictionary<string, string>();

    /// <summary>The loaded configuration as YAML, for <c>/api/v1/status/config</c>.</summary>
    public Func<string> ConfigYaml { get; init; } = static () => string.Empty;

    /// <summary>External labels of the current configuration (added by <c>/federate</c>).</summary>
    public Func<LabelSet> ExternalLabels { get; init; } = static () => LabelSet.Empty;

    /// <summary>Fields of <c>/api/v1/status/runtimeinfo</c> that only the server knows.</summary>
    public Func<RuntimeStatus> Runtime { get; init; } = static () => new RuntimeStatus();

    public BuildStatus Build { get; init; } = new();

    /// <summary>Lookback window of instant selectors, used by <c>/federate</c>.</summary>
    public TimeSpan LookbackDelta { get; init; } = TimeSpan.FromMinutes(5);

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
