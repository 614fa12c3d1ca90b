using System.Globalization;
using System.Text;
using Argus.Config;
using Argus.Config.Discovery;
using Argus.Config.Relabeling;
using Argus.Model.Labels;
using Argus.Model.Time;
using Argus.Scrape.Parsing;
using Argus.Scrape.Scraping;

namespace Argus.Scrape.Targets;

/// <summary>
/// Turns discovered target groups into scrape targets as Prometheus does: group labels under target labels,
/// the job's defaults (<c>job</c>, <c>__scheme__</c>, <c>__metrics_path__</c>, <c>__scrape_interval__</c>,
/// <c>__scrape_timeout__</c>, <c>__param_*</c>), <c>relabel_configs</c>, then <c>instance</c> defaulting to
/// <c>__address__</c> and removal of every <c>__</c>-prefixed label.
/// </summary>
public static class TargetBuilder
{
    /// <summary>Builds every target of the groups of one scrape config.</summary>
    public static List<BuiltTarget> Build(ScrapeConfig config, IEnumerable<TargetGroup> groups)
    {
        var result = new List<BuiltTarget>();
        foreach (var group in groups)
        {
            foreach (var target in group.Targets)
            {
                result.Add(Build(config, group.Labels, target));
            }
        }
        return result;
    }

    public static BuiltTarget Build(ScrapeConfig config, LabelSet groupLabels, LabelSet targetLabels)
    {
        var builder = groupLabels.ToBuilder();
        foreach (var label in targetLabels.AsSpan())
        {
            builder.Set(label.Name, label.Value);
        }
        SetDefault(builder, LabelNames.Job, config.JobName);
        SetDefault(builder, LabelNames.Scheme, config.Scheme);
        SetDefault(builder, LabelNames.MetricsPath, config.MetricsPath);
        SetDefault(builder, LabelNames.ScrapeInterval, PromDuration.Format(config.ScrapeInterval));
        SetDefault(builder, LabelNames.ScrapeTimeout, PromDuration.Format(config.ScrapeTimeout));
        foreach (var (name, values) in config.Params)
        {
            if (values.Count > 0)
            {
                SetDefault(builder, LabelNames.ParamPrefix + name, values[0]);
            }
        }
        var discovered = builder.Build();
        var relabeled = config.RelabelConfigs.Count == 0 ? discovered : Relabeler.Process(discovered, config.RelabelConfigs);
        if (relabeled is null)
        {
            return new BuiltTarget(discovered, null, null);
        }
        var address = relabeled.Get(LabelNames.Address);
        if (address.Length == 0)
        {
            return new BuiltTarget(discovered, null, "no address");
        }
        if (address.Contains('/', StringComparison.Ordinal) || !Uri.TryCreate("http://" + address, UriKind.Absolute, out _))
        {
            return new BuiltTarget(discovered, null, $"invalid \"{address}\" is not a valid hostname");
        }
        if (!PromDuration.TryParse(relabeled.Get(LabelNames.ScrapeInterval), out var interval, out _) || interval <= TimeSpan.Zero)
        {
            return new BuiltTarget(discovered, null, $"error parsing scrape interval \"{relabeled.Get(LabelNames.ScrapeInterval)}\"");
        }
        if (!PromDuration.TryParse(relabeled.Get(LabelNames.ScrapeTimeout), out var timeout, out _) || timeout <= TimeSpan.Zero)
        {
            return new BuiltTarget(discovered, null, $"error parsing scrape timeout \"{relabeled.Get(LabelNames.ScrapeTimeout)}\"");
        }
        if (timeout > interval)
        {
            return new BuiltTarget(discovered, null,
                $"scrape timeout cannot be greater than scrape interval (\"{PromDuration.Format(timeout)}\" > \"{PromDuration.Format(interval)}\")");
        }

        var parameters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, values) in config.Params)
        {
            parameters[name] = values;
        }
        var final = new LabelSetBuilder();
        foreach (var label in relabeled.AsSpan())
        {
            if (label.Name.StartsWith(LabelNames.ParamPrefix, StringComparison.Ordinal))
            {
                // A __param_ label replaces the first value of that parameter, as Prometheus does.
                var name = label.Name[LabelNames.ParamPrefix.Length..];
                var values = parameters.TryGetValue(name, out var existing) ? existing.ToArray() : [string.Empty];
                values[0] = label.Value;
                parameters[name] = values;
            }
            if (!label.Name.StartsWith(LabelNames.ReservedPrefix, StringComparison.Ordinal))
            {
                final.Set(label.Name, label.Value);
            }
        }
        if (final.Get(LabelNames.Instance).Length == 0)
        {
            final.Set(LabelNames.Instance, address);
        }

        var options = new ScrapeTargetOptions
        {
            TargetLabels = final.Build(),
            Scheme = relabeled.Get(LabelNames.Scheme),
            Address = address,
            MetricsPath = relabeled.Get(LabelNames.MetricsPath),
            Params = parameters,
            Interval = interval,
            Timeout = timeout,
            HonorLabels = config.HonorLabels,
            HonorTimestamps = config.HonorTimestamps,
            TrackTimestampsStaleness = config.TrackTimestampsStaleness,
            BodySizeLimit = config.BodySizeLimit.Bytes,
            SampleLimit = Clamp(config.SampleLimit),
            LabelLimit = Clamp(config.LabelLimit),
            LabelNameLengthLimit = Clamp(config.LabelNameLengthLimit),
            LabelValueLengthLimit = Clamp(config.LabelValueLengthLimit),
            BasicAuth = config.HttpClient.BasicAuth is { } basic ? BasicAuthOptions.From(basic) : null,
            Authorization = config.HttpClient.Authorization is { } auth ? AuthorizationOptions.From(auth) : null,
            Tls = TlsOptions.From(config.HttpClient.TlsConfig),
            ProxyUrl = config.HttpClient.Proxy.ProxyUrl?.Absolute,
            ScrapeProtocols = config.ScrapeProtocols
                .Select(p => ScrapeContentNegotiation.TryParseConfigName(p, out var protocol) ? protocol : (ScrapeProtocol?)null)
                .Where(p => p is not null && p != ScrapeProtocol.PrometheusProto)
                .Select(p => p!.Value)
                .ToList(),
            FallbackScrapeProtocol = config.FallbackScrapeProtocol is { } fb && ScrapeContentNegotiation.TryParseConfigName(fb, out var fallback)
                ? fallback
                : null,
            EnableCompression = config.EnableCompression,
            MetricRelabel = config.MetricRelabelConfigs.Count == 0 ? null : labels => Relabeler.Process(labels, config.MetricRelabelConfigs),
        };
        return new BuiltTarget(discovered, options, null);
    }

    /// <summary>
    /// A content fingerprint of everything that shapes a target's scraping, so a reload that leaves a target
    /// unchanged keeps its loop (and its series cache and staleness state) running without a gap.
    /// </summary>
    public static string Fingerprint(ScrapeTargetOptions options, ScrapeConfig config)
    {
        var sb = new StringBuilder();
        sb.Append(options.TargetLabels).Append('|').Append(options.Url).Append('|')
            .Append(options.Interval.Ticks).Append('|').Append(options.Timeout.Ticks).Append('|')
            .Append(options.HonorLabels).Append(options.HonorTimestamps).Append(options.TrackTimestampsStaleness).Append('|')
            .Append(options.BodySizeLimit).Append(',').Append(options.SampleLimit).Append(',').Append(options.LabelLimit).Append(',')
            .Append(options.LabelNameLengthLimit).Append(',').Append(options.LabelValueLengthLimit).Append('|')
            .Append(options.BasicAuth).Append('|').Append(options.Authorization).Append('|').Append(options.Tls).Append('|')
            .Append(options.ProxyUrl).Append('|').Append(string.Join(',', options.ScrapeProtocols)).Append('|')
            .Append(options.FallbackScrapeProtocol).Append('|').Append(options.EnableCompression).Append('|');
        foreach (var rule in config.MetricRelabelConfigs)
        {
            sb.Append(rule.Action).Append(';').Append(string.Join(',', rule.SourceLabels)).Append(';').Append(rule.Separator).Append(';')
                .Append(rule.Regex).Append(';').Append(rule.Modulus.ToString(CultureInfo.InvariantCulture)).Append(';')
                .Append(rule.TargetLabel).Append(';').Append(rule.Replacement).Append('/');
        }
        return sb.ToString();
    }

    private static void SetDefault(LabelSetBuilder builder, string name, string value)
    {
        if (builder.Get(name).Length == 0)
        {
            builder.Set(name, value);
        }
    }

    private static int Clamp(ulong value) => value > int.MaxValue ? int.MaxValue : (int)value;
}
