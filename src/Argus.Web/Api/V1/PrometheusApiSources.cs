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

    /// <summary>The scrape pools for <c>/api/v1/targets</c>, e.g. <c>() => ScrapeTargetsView.From(manager.Pools)</c>.</summary>
    public Func<IReadOnlyList<ScrapePoolStatus>> Targets { get; init; } = static () => [];

    /// <summary>Every active target with its metric metadata, for <c>/api/v1/metadata</c> and
    /// <c>/api/v1/targets/metadata</c>, e.g. <c>() => ScrapeTargetsView.Metadata(manager.Pools)</c>.</summary>
    public Func<IReadOnlyList<TargetMetadataStatus>> TargetMetadata { get; init; } = static () => [];

    /// <summary>The notifier's Alertmanagers for <c>/api/v1/alertmanagers</c>; none until a notifier is wired.</summary>
    public Func<AlertmanagerStatus> Alertmanagers { get; init; } = static () => AlertmanagerStatus.None;

    /// <summary>The rule manager's groups for <c>/api/v1/rules</c> and <c>/api/v1/alerts</c>; none until one is wired.</summary>
    public Func<IReadOnlyList<RuleGroupStatus>> RuleGroups { get; init; } = static () => [];

    /// <summary>Most queries evaluated at once (<c>--query.max-concurrency</c>); later ones wait for a slot,
    /// the wait counting against their timeout.</summary>
    public int MaxConcurrentQueries { get; init; } = 20;

    /// <summary>The current <c>global.query_log_file</c>; empty (the default) logs nothing.</summary>
    public Func<string> QueryLogFile { get; init; } = static () => string.Empty;

    public BuildStatus Build { get; init; } = new();

    /// <summary>Lookback window of instant selectors, used by <c>/federate</c>.</summary>
    public TimeSpan LookbackDelta { get; init; } = TimeSpan.FromMinutes(5);

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
