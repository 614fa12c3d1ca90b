using Argus.Config.Discovery;
using Argus.Config.Http;
using Argus.Config.Relabeling;
using Argus.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Argus.Config;

/// <summary>
/// One <c>scrape_configs</c> entry (a job), with the global defaults already applied: interval,
/// timeout, limits, protocols, histogram and name-validation settings inherit from
/// <see cref="GlobalConfig"/> unless the job sets them.
/// </summary>
public sealed class ScrapeConfig
{
    public required string JobName { get; init; }

    public bool HonorLabels { get; init; }

    public bool HonorTimestamps { get; init; } = true;

    public bool TrackTimestampsStaleness { get; init; }

    /// <summary>Query parameters added to every scrape (a name may repeat).</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Params { get; init; } = [];

    public TimeSpan ScrapeInterval { get; init; }

    public TimeSpan ScrapeTimeout { get; init; }

    public IReadOnlyList<string> ScrapeProtocols { get; init; } = Config.ScrapeProtocols.Default;

    /// <summary>The format assumed when a target's Content-Type is missing or unknown; null: fail.</summary>
    public string? FallbackScrapeProtocol { get; init; }

    public bool ScrapeNativeHistograms { get; init; }

    public bool AlwaysScrapeClassicHistograms { get; init; }

    public bool ConvertClassicHistogramsToNhcb { get; init; }

    public string? ScrapeFailureLogFile { get; init; }

    public string MetricsPath { get; init; } = "/metrics";

    public string Scheme { get; init; } = "http";

    public bool EnableCompression { get; init; } = true;

    public ByteSize BodySizeLimit { get; init; }

    public ulong SampleLimit { get; init; }

    public ulong TargetLimit { get; init; }

    public ulong LabelLimit { get; init; }

    public ulong LabelNameLengthLimit { get; init; }

    public ulong LabelValueLengthLimit { get; init; }

    public ulong NativeHistogramBucketLimit { get; init; }

    public double NativeHistogramMinBucketFactor { get; init; }

    public ulong KeepDroppedTargets { get; init; }

    public NameValidationScheme MetricNameValidationScheme { get; init; }

    public string MetricNameEscapingScheme { get; init; } = MetricNameEscaping.AllowUtf8;

    public bool ExtraScrapeMetrics { get; init; }

    public HttpClientConfig HttpClient { get; init; } = HttpClientConfig.Default;

    public ServiceDiscoveryConfigs ServiceDiscovery { get; init; } = ServiceDiscoveryConfigs.Empty;

    public IReadOnlyList<RelabelConfig> RelabelConfigs { get; init; } = [];

    public IReadOnlyList<RelabelConfig> MetricRelabelConfigs { get; init; } = [];

    /// <summary>The file this job was defined in (the main file or a <c>scrape_config_files</c> import).</summary>
    public string SourceFile { get; init; } = string.Empty;

    internal static ScrapeConfig Read(ConfigContext context, YamlNode node, GlobalConfig global)
    {
        var source = context.Source;
        if (YamlSource.IsNull(node))
        {
            throw source.Error(node, "empty or null scrape config section");
        }
        var map = source.Map(node, "config.ScrapeConfig");
        // Discovery and HTTP client sections are checked before the job name, as in Prometheus.
        var sd = ServiceDiscoveryConfigs.Read(context, map);
        var http = HttpClientConfig.Read(context, map);
        var jobName = map.String("job_name") ?? string.Empty;
        if (jobName.Length == 0)
        {
            throw map.ErrorAt("job_name", "job_name is empty");
        }

        var interval = map.Duration("scrape_interval") is { } i && i != TimeSpan.Zero ? i : global.ScrapeInterval;
        var timeout = map.Duration("scrape_timeout") ?? TimeSpan.Zero;
        if (timeout > interval)
        {
            throw map.ErrorAt("scrape_timeout", $"scrape timeout greater than scrape interval for scrape config with job name \"{jobName}\"");
        }
        if (timeout == TimeSpan.Zero)
        {
            timeout = global.ScrapeTimeout < interval ? global.ScrapeTimeout : interval;
        }

        var nativeHistograms = map.Bool("scrape_native_histograms") ?? global.ScrapeNativeHistograms;
        var protocols = map.StringList("scrape_protocols")
            ?? global.ScrapeProtocols
            ?? (nativeHistograms ? Config.ScrapeProtocols.ProtoFirst : Config.ScrapeProtocols.Default);
        if (Config.ScrapeProtocols.ValidateList(protocols) is { } protocolError)
        {
            throw map.ErrorAt("scrape_protocols", $"{protocolError} for scrape config with job name \"{jobName}\"");
        }
        var fallback = map.String("fallback_scrape_protocol");
        if (!string.IsNullOrEmpty(fallback) && Config.ScrapeProtocols.Validate(fallback) is { } fallbackError)
        {
            throw map.ErrorAt("fallback_scrape_protocol", $"invalid fallback_scrape_protocol for scrape config with job name \"{jobName}\": {fallbackError}");
        }

        var (validation, escaping) = ResolveNameSchemes(map, global);

        var scheme = map.String("scheme") ?? "http";
        if (scheme.Length == 0)
        {
            scheme = "http";
        }
        if (scheme is not ("http" or "https"))
        {
            throw map.ErrorAt("scheme", $"invalid scheme \"{scheme}\" for scrape config with job name \"{jobName}\": must be http or https");
        }
        var metricsPath = map.String("metrics_path");
        var alwaysClassic = map.Bool("always_scrape_classic_histograms");
        // Prometheus 2 spelled this option scrape_classic_histograms; accepted as an alias.
        alwaysClassic ??= map.Bool("scrape_classic_histograms");

        var relabel = map.List("relabel_configs", "[]*relabel.Config",
            n => RelabelConfig.Read(source, n, validation, "empty or null target relabeling rule in scrape config"));
        var metricRelabel = map.List("metric_relabel_configs", "[]*relabel.Config",
            n => RelabelConfig.Read(source, n, validation, "empty or null metric relabeling rule in scrape config"));
        if (relabel.Count == 0)
        {
            sd.CheckStaticTargets(map);
        }

        var config = new ScrapeConfig
        {
            JobName = jobName,
            HonorLabels = map.Bool("honor_labels", false),
            HonorTimestamps = map.Bool("honor_timestamps", true),
            TrackTimestampsStaleness = map.Bool("track_timestamps_staleness", false),
            Params = ReadParams(map),
            ScrapeInterval = interval,
            ScrapeTimeout = timeout,
            ScrapeProtocols = protocols,
            FallbackScrapeProtocol = string.IsNullOrEmpty(fallback) ? null : fallback,
            ScrapeNativeHistograms = nativeHistograms,
            AlwaysScrapeClassicHistograms = alwaysClassic ?? global.AlwaysScrapeClassicHistograms,
            ConvertClassicHistogramsToNhcb = map.Bool("convert_classic_histograms_to_nhcb") ?? global.ConvertClassicHistogramsToNhcb,
            ScrapeFailureLogFile = context.ResolvePathOrNull(map.String("scrape_failure_log_file")) ?? global.ScrapeFailureLogFile,
            MetricsPath = string.IsNullOrEmpty(metricsPath) ? "/metrics" : metricsPath,
            Scheme = scheme,
            EnableCompression = map.Bool("enable_compression", true),
            BodySizeLimit = NonZero(map.Size("body_size_limit"), global.BodySizeLimit),
            SampleLimit = NonZero(map.UInt64("sample_limit"), global.SampleLimit),
            TargetLimit = NonZero(map.UInt64("target_limit"), global.TargetLimit),
            LabelLimit = NonZero(map.UInt64("label_limit"), global.LabelLimit),
            LabelNameLengthLimit = NonZero(map.UInt64("label_name_length_limit"), global.LabelNameLengthLimit),
            LabelValueLengthLimit = NonZero(map.UInt64("label_value_length_limit"), global.LabelValueLengthLimit),
            NativeHistogramBucketLimit = map.UInt64("native_histogram_bucket_limit") ?? 0,
            NativeHistogramMinBucketFactor = map.Double("native_histogram_min_bucket_factor") ?? 0,
            KeepDroppedTargets = NonZero(map.UInt64("keep_dropped_targets"), global.KeepDroppedTargets),
            MetricNameValidationScheme = validation,
            MetricNameEscapingScheme = escaping,
            ExtraScrapeMetrics = map.Bool("extra_scrape_metrics") ?? global.ExtraScrapeMetrics,
            HttpClient = http,
            ServiceDiscovery = sd,
            RelabelConfigs = relabel,
            MetricRelabelConfigs = metricRelabel,
            SourceFile = source.FileName,
        };
        map.EnsureAllRead();
        return config;
    }

    private static (NameValidationScheme Validation, string Escaping) ResolveNameSchemes(YamlMap map, GlobalConfig global)
    {
        var globalEscaping = global.MetricNameEscapingScheme;
        if (globalEscaping is null)
        {
            globalEscaping = global.MetricNameValidationScheme == NameValidationScheme.Legacy ? MetricNameEscaping.Underscores : MetricNameEscaping.AllowUtf8;
        }
        else if (!MetricNameEscaping.IsKnown(globalEscaping))
        {
            throw map.Error($"unknown global name escaping method specified, must be one of 'allow-utf-8', 'underscores', 'dots', or 'values', got \"{globalEscaping}\"");
        }
        var localText = map.String("metric_name_validation_scheme");
        var localUnset = string.IsNullOrEmpty(localText);
        var validation = global.MetricNameValidationScheme;
        if (!localUnset)
        {
            validation = NameValidation.Parse(localText!)
                ?? throw map.ErrorAt("metric_name_validation_scheme", $"unknown scrape config name validation method specified, must be either '', 'legacy' or 'utf8', got {localText}");
        }
        var escaping = map.String("metric_name_escaping_scheme");
        if (string.IsNullOrEmpty(escaping))
        {
            escaping = localUnset ? globalEscaping
                : validation == NameValidationScheme.Legacy ? MetricNameEscaping.Underscores : MetricNameEscaping.AllowUtf8;
        }
        if (!MetricNameEscaping.IsKnown(escaping))
        {
            throw map.ErrorAt("metric_name_escaping_scheme", $"unknown scrape config name escaping method specified, must be one of 'allow-utf-8', 'underscores', 'dots', or 'values', got \"{escaping}\"");
        }
        if (escaping == MetricNameEscaping.AllowUtf8 && validation != NameValidationScheme.Utf8)
        {
            throw map.Error("utf8 metric names requested but validation scheme is not set to UTF8");
        }
        return (validation, escaping);
    }

    private static ulong NonZero(ulong? local, ulong global) => local is { } v && v != 0 ? v : global;

    private static ByteSize NonZero(ByteSize? local, ByteSize global) => local is { Bytes: not 0 } v ? v : global;

    private static List<KeyValuePair<string, IReadOnlyList<string>>> ReadParams(YamlMap map)
    {
        var result = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        if (map.Map("params", "url.Values") is { } parameters)
        {
            foreach (var (key, value) in parameters.Entries)
            {
                result.Add(new(map.Source.String(key), map.Source.StringList(value)));
            }
            parameters.MarkAllRead();
        }
        return result;
    }
}
