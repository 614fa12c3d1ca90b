using Argus.Config.Yaml;
using Argus.Model.Labels;

namespace Argus.Config;

/// <summary>
/// The <c>global</c> section: defaults for every scrape config and for rule evaluation. Defaults
/// are Prometheus': scrape_interval 1m, scrape_timeout 10s (never more than the interval),
/// evaluation_interval 1m, rule_query_offset 0, UTF-8 name validation, no limits.
/// </summary>
public sealed class GlobalConfig
{
    public TimeSpan ScrapeInterval { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan ScrapeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan EvaluationInterval { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan RuleQueryOffset { get; init; }

    /// <summary>Null: not set; jobs then choose by whether they scrape native histograms.</summary>
    public IReadOnlyList<string>? ScrapeProtocols { get; init; }

    public string? QueryLogFile { get; init; }

    public string? ScrapeFailureLogFile { get; init; }

    /// <summary>External labels after environment expansion (labels that expanded to "" are absent).</summary>
    public LabelSet ExternalLabels { get; init; } = LabelSet.Empty;

    /// <summary>External labels as written, before <c>$VAR</c> expansion.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ExternalLabelsAsWritten { get; init; } = [];

    public ByteSize BodySizeLimit { get; init; }

    public ulong SampleLimit { get; init; }

    public ulong TargetLimit { get; init; }

    public ulong LabelLimit { get; init; }

    public ulong LabelNameLengthLimit { get; init; }

    public ulong LabelValueLengthLimit { get; init; }

    public ulong KeepDroppedTargets { get; init; }

    public NameValidationScheme MetricNameValidationScheme { get; init; } = NameValidationScheme.Utf8;

    /// <summary>Null when not configured (then derived from the validation scheme per job).</summary>
    public string? MetricNameEscapingScheme { get; init; }

    public bool ScrapeNativeHistograms { get; init; }

    public bool ConvertClassicHistogramsToNhcb { get; init; }

    public bool AlwaysScrapeClassicHistograms { get; init; }

    public bool ExtraScrapeMetrics { get; init; }

    public static GlobalConfig Default { get; } = new();

    internal static GlobalConfig Read(ConfigContext context, YamlMap map, Func<string, string?> getEnvironment)
    {
        var source = map.Source;
        var schemeText = map.String("metric_name_validation_scheme");
        var scheme = NameValidationScheme.Utf8;
        if (!string.IsNullOrEmpty(schemeText))
        {
            scheme = NameValidation.Parse(schemeText) ?? throw map.ErrorAt("metric_name_validation_scheme", $"unrecognized ValidationScheme: \"{schemeText}\"");
        }
        var written = new List<KeyValuePair<string, string>>();
        var expanded = new LabelSetBuilder();
        if (map.Map("external_labels", "labels.Labels") is { } labels)
        {
            foreach (var (keyNode, valueNode) in labels.Entries)
            {
                var name = source.String(keyNode);
                if (!scheme.IsValidLabelName(name))
                {
                    throw source.Error(keyNode, $"\"{name}\" is not a valid label name");
                }
                var value = YamlSource.IsNull(valueNode) ? string.Empty : source.String(valueNode);
                if (!LabelNames.IsValidValue(value))
                {
                    throw source.Error(valueNode, $"\"{value}\" is not a valid label value");
                }
                written.Add(new(name, value));
                expanded.Set(name, EnvironmentExpansion.Expand(value, getEnvironment));
            }
            labels.MarkAllRead();
        }
        var interval = map.Duration("scrape_interval") is { } i && i != TimeSpan.Zero ? i : TimeSpan.FromMinutes(1);
        var timeout = map.Duration("scrape_timeout") ?? TimeSpan.Zero;
        if (timeout > interval)
        {
            throw map.ErrorAt("scrape_timeout", "global scrape timeout greater than scrape interval");
        }
        if (timeout == TimeSpan.Zero)
        {
            timeout = TimeSpan.FromSeconds(10) < interval ? TimeSpan.FromSeconds(10) : interval;
        }
        var evaluation = map.Duration("evaluation_interval") is { } e && e != TimeSpan.Zero ? e : TimeSpan.FromMinutes(1);
        var protocols = map.StringList("scrape_protocols");
        if (protocols is not null && Argus.Config.ScrapeProtocols.ValidateList(protocols) is { } protocolError)
        {
            throw map.ErrorAt("scrape_protocols", protocolError + " for global config");
        }
        var escaping = map.String("metric_name_escaping_scheme");
        var config = new GlobalConfig
        {
            ScrapeInterval = interval,
            ScrapeTimeout = timeout,
            EvaluationInterval = evaluation,
            RuleQueryOffset = map.Duration("rule_query_offset") ?? TimeSpan.Zero,
            ScrapeProtocols = protocols,
            QueryLogFile = context.ResolvePathOrNull(map.String("query_log_file")),
            ScrapeFailureLogFile = context.ResolvePathOrNull(map.String("scrape_failure_log_file")),
            ExternalLabels = expanded.Build(),
            ExternalLabelsAsWritten = written,
            BodySizeLimit = map.Size("body_size_limit") ?? default,
            SampleLimit = map.UInt64("sample_limit") ?? 0,
            TargetLimit = map.UInt64("target_limit") ?? 0,
            LabelLimit = map.UInt64("label_limit") ?? 0,
            LabelNameLengthLimit = map.UInt64("label_name_length_limit") ?? 0,
            LabelValueLengthLimit = map.UInt64("label_value_length_limit") ?? 0,
            KeepDroppedTargets = map.UInt64("keep_dropped_targets") ?? 0,
            MetricNameValidationScheme = scheme,
            MetricNameEscapingScheme = string.IsNullOrEmpty(escaping) ? null : escaping,
            ScrapeNativeHistograms = map.Bool("scrape_native_histograms", false),
            ConvertClassicHistogramsToNhcb = map.Bool("convert_classic_histograms_to_nhcb", false),
            AlwaysScrapeClassicHistograms = map.Bool("always_scrape_classic_histograms", false),
            ExtraScrapeMetrics = map.Bool("extra_scrape_metrics", false),
        };
        map.EnsureAllRead();
        return config;
    }
}
