using Argus.Config.Alerting;
using Argus.Config.Remote;
using Argus.Config.Storage;

namespace Argus.Config;

/// <summary>
/// A loaded, validated Prometheus configuration file (<c>prometheus.yml</c>) with every default
/// filled in. Create with <see cref="PrometheusConfigLoader"/>. Immutable; safe to share.
/// </summary>
public sealed class PrometheusConfig
{
    public GlobalConfig Global { get; init; } = GlobalConfig.Default;

    public RuntimeConfig Runtime { get; init; } = RuntimeConfig.Default;

    public AlertingConfig Alerting { get; init; } = AlertingConfig.Empty;

    /// <summary>Rule file patterns as written; see <see cref="ResolveRuleFiles"/>.</summary>
    public IReadOnlyList<string> RuleFiles { get; init; } = [];

    /// <summary><c>scrape_config_files</c> patterns as written.</summary>
    public IReadOnlyList<string> ScrapeConfigFiles { get; init; } = [];

    /// <summary>Every job: those of the main file, then those imported by <see cref="ScrapeConfigFiles"/>.</summary>
    public IReadOnlyList<ScrapeConfig> ScrapeConfigs { get; init; } = [];

    public StorageConfig Storage { get; init; } = StorageConfig.Default;

    /// <summary>Null when the file has no <c>tracing</c> section.</summary>
    public TracingConfig? Tracing { get; init; }

    public IReadOnlyList<RemoteWriteConfig> RemoteWrite { get; init; } = [];

    public IReadOnlyList<RemoteReadConfig> RemoteRead { get; init; } = [];

    public OtlpConfig Otlp { get; init; } = OtlpConfig.Default;

    /// <summary>The text the configuration was loaded from.</summary>
    public string OriginalText { get; init; } = string.Empty;

    /// <summary>The file name the configuration was loaded from (as given to the loader).</summary>
    public string SourceFile { get; init; } = string.Empty;

    /// <summary>The directory relative paths are resolved against.</summary>
    public string BaseDirectory { get; init; } = ".";

    /// <summary>Expands <see cref="RuleFiles"/> (globs in the last path element) relative to
    /// <see cref="BaseDirectory"/>; files are listed once, in pattern order then name order.</summary>
    public IReadOnlyList<string> ResolveRuleFiles()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var pattern in RuleFiles)
        {
            foreach (var file in FileGlob.Match(pattern, BaseDirectory))
            {
                if (seen.Add(file))
                {
                    result.Add(file);
                }
            }
        }
        return result;
    }

    /// <summary>The job named <paramref name="jobName"/>, or null.</summary>
    public ScrapeConfig? FindJob(string jobName) => ScrapeConfigs.FirstOrDefault(s => s.JobName == jobName);
}
