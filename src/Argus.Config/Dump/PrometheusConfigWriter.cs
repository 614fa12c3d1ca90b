using Argus.Config.Alerting;
using Argus.Config.Discovery;
using Argus.Config.Http;
using Argus.Config.Relabeling;
using Argus.Config.Remote;
using Argus.Model.Labels;
using YamlDotNet.RepresentationModel;

namespace Argus.Config.Dump;

/// <summary>
/// Writes a loaded configuration back as YAML the way Prometheus' <c>/api/v1/status/config</c>
/// shows it: defaults filled in, zero values omitted where Prometheus omits them, secrets as
/// <c>&lt;secret&gt;</c>. The output loads again to an equal configuration.
/// </summary>
internal static class PrometheusConfigWriter
{
    public static string Write(PrometheusConfig config)
    {
        var root = new YamlDumpMap();
        root.Add("global", Global(config.Global).Node);
        if (config.Runtime.GoGc != RuntimeConfig.DefaultGoGc)
        {
            root.Add("runtime", new YamlDumpMap().AddNonZero("gogc", (long)config.Runtime.GoGc).Node);
        }
        root.AddMap("alerting", Alerting(config.Alerting));
        root.AddList("rule_files", config.RuleFiles);
        root.AddList("scrape_config_files", config.ScrapeConfigFiles);
        root.AddList("scrape_configs", config.ScrapeConfigs
            .Where(s => s.SourceFile == config.SourceFile || config.ScrapeConfigFiles.Count == 0)
            .Select(s => (YamlNode)Scrape(s).Node));
        root.AddMap("storage", Storage(config));
        if (config.Tracing is { } tracing)
        {
            root.AddMap("tracing", Tracing(tracing));
        }
        root.AddList("remote_write", config.RemoteWrite.Select(r => (YamlNode)RemoteWrite(r).Node));
        root.AddList("remote_read", config.RemoteRead.Select(r => (YamlNode)RemoteRead(r).Node));
        root.AddMap("otlp", Otlp(config.Otlp));
        var stream = new YamlStream(new YamlDocument(root.Node));
        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        // YamlDotNet ends a document with "..."; Prometheus' dump has no document markers.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static YamlDumpMap Global(GlobalConfig g)
    {
        var map = new YamlDumpMap()
            .Add("scrape_interval", g.ScrapeInterval)
            .Add("scrape_timeout", g.ScrapeTimeout);
        if (g.ScrapeProtocols is not null)
        {
            map.AddList("scrape_protocols", g.ScrapeProtocols);
        }
        map.Add("evaluation_interval", g.EvaluationInterval)
            .AddNonZero("rule_query_offset", g.RuleQueryOffset)
            .AddNonEmpty("query_log_file", g.QueryLogFile)
            .AddNonEmpty("scrape_failure_log_file", g.ScrapeFailureLogFile)
            .AddMap("external_labels", g.ExternalLabels.Select(l => new KeyValuePair<string, string>(l.Name, EscapeDollars(l.Value))))
            .AddNonZero("body_size_limit", g.BodySizeLimit)
            .AddNonZero("sample_limit", g.SampleLimit)
            .AddNonZero("target_limit", g.TargetLimit)
            .AddNonZero("label_limit", g.LabelLimit)
            .AddNonZero("label_name_length_limit", g.LabelNameLengthLimit)
            .AddNonZero("label_value_length_limit", g.LabelValueLengthLimit)
            .AddNonZero("keep_dropped_targets", g.KeepDroppedTargets)
            .Add("metric_name_validation_scheme", g.MetricNameValidationScheme.ToConfigString())
            .AddNonEmpty("metric_name_escaping_scheme", g.MetricNameEscapingScheme)
            .Add("scrape_native_histograms", g.ScrapeNativeHistograms)
            .AddTrue("convert_classic_histograms_to_nhcb", g.ConvertClassicHistogramsToNhcb)
            .AddTrue("always_scrape_classic_histograms", g.AlwaysScrapeClassicHistograms)
            .AddTrue("extra_scrape_metrics", g.ExtraScrapeMetrics);
        return map;
    }

    /// <summary>External label values are already expanded; doubling '$' keeps a reload from expanding them again.</summary>
    private static string EscapeDollars(string value) => value.Replace("$", "$$", StringComparison.Ordinal);

    private static YamlDumpMap Scrape(ScrapeConfig s)
    {
        var map = new YamlDumpMap()
            .Add("job_name", s.JobName)
            .AddTrue("honor_labels", s.HonorLabels)
            .Add("honor_timestamps", s.HonorTimestamps)
            .Add("track_timestamps_staleness", s.TrackTimestampsStaleness);
        if (s.Params.Count > 0)
        {
            var parameters = new YamlMappingNode();
            foreach (var (name, values) in s.Params)
            {
                parameters.Add(YamlDumpMap.Scalar(name), new YamlSequenceNode(values.Select(v => (YamlNode)YamlDumpMap.Scalar(v))));
            }
            map.Add("params", parameters);
        }
        map.Add("scrape_interval", s.ScrapeInterval)
            .Add("scrape_timeout", s.ScrapeTimeout)
            .AddList("scrape_protocols", s.ScrapeProtocols)
            .AddNonEmpty("fallback_scrape_protocol", s.FallbackScrapeProtocol)
            .Add("scrape_native_histograms", s.ScrapeNativeHistograms)
            .Add("always_scrape_classic_histograms", s.AlwaysScrapeClassicHistograms)
            .Add("convert_classic_histograms_to_nhcb", s.ConvertClassicHistogramsToNhcb)
            .AddNonEmpty("scrape_failure_log_file", s.ScrapeFailureLogFile)
            .Add("metrics_path", s.MetricsPath)
            .Add("scheme", s.Scheme)
            .Add("enable_compression", s.EnableCompression)
            .AddNonZero("body_size_limit", s.BodySizeLimit)
            .AddNonZero("sample_limit", s.SampleLimit)
            .AddNonZero("target_limit", s.TargetLimit)
            .AddNonZero("label_limit", s.LabelLimit)
            .AddNonZero("label_name_length_limit", s.LabelNameLengthLimit)
            .AddNonZero("label_value_length_limit", s.LabelValueLengthLimit)
            .AddNonZero("native_histogram_bucket_limit", s.NativeHistogramBucketLimit)
            .AddNonZero("native_histogram_min_bucket_factor", s.NativeHistogramMinBucketFactor)
            .AddNonZero("keep_dropped_targets", s.KeepDroppedTargets)
            .Add("metric_name_validation_scheme", s.MetricNameValidationScheme.ToConfigString())
            .Add("metric_name_escaping_scheme", s.MetricNameEscapingScheme)
            .AddTrue("extra_scrape_metrics", s.ExtraScrapeMetrics);
        ServiceDiscovery(map, s.ServiceDiscovery);
        HttpClient(map, s.HttpClient);
        map.AddList("relabel_configs", s.RelabelConfigs.Select(Relabel));
        map.AddList("metric_relabel_configs", s.MetricRelabelConfigs.Select(Relabel));
        return map;
    }

    private static void ServiceDiscovery(YamlDumpMap map, ServiceDiscoveryConfigs sd)
    {
        map.AddList("dns_sd_configs", sd.DnsSdConfigs.Select(d => (YamlNode)new YamlDumpMap()
            .AddList("names", d.Names)
            .Add("refresh_interval", d.RefreshInterval)
            .Add("type", d.Type)
            .AddNonZero("port", (long)d.Port).Node));
        map.AddList("file_sd_configs", sd.FileSdConfigs.Select(f => (YamlNode)new YamlDumpMap()
            .AddList("files", f.Files)
            .Add("refresh_interval", f.RefreshInterval).Node));
        map.AddList("http_sd_configs", sd.HttpSdConfigs.Select(h =>
        {
            var entry = new YamlDumpMap();
            HttpClient(entry, h.HttpClient);
            return (YamlNode)entry.Add("url", h.Url.Text).Add("refresh_interval", h.RefreshInterval).Node;
        }));
        map.AddList("static_configs", sd.StaticConfigs.Select(g => (YamlNode)new YamlDumpMap()
            .AddList("targets", g.Targets.Select(t => t.Get(LabelNames.Address)))
            .AddMap("labels", g.Labels.Select(l => new KeyValuePair<string, string>(l.Name, l.Value))).Node));
    }

    private static void HttpClient(YamlDumpMap map, HttpClientConfig http)
    {
        if (http.BasicAuth is { } basic)
        {
            map.Add("basic_auth", new YamlDumpMap()
                .AddNonEmpty("username", basic.Username)
                .AddNonEmpty("username_file", basic.UsernameFile)
                .AddSecret("password", basic.Password)
                .AddNonEmpty("password_file", basic.PasswordFile).Node);
        }
        if (http.Authorization is { } authorization)
        {
            map.Add("authorization", new YamlDumpMap()
                .Add("type", authorization.Type)
                .AddSecret("credentials", authorization.Credentials)
                .AddNonEmpty("credentials_file", authorization.CredentialsFile).Node);
        }
        if (http.OAuth2 is { } oauth2)
        {
            var entry = new YamlDumpMap()
                .Add("client_id", oauth2.ClientId)
                .AddSecret("client_secret", oauth2.ClientSecret)
                .AddNonEmpty("client_secret_file", oauth2.ClientSecretFile)
                .AddList("scopes", oauth2.Scopes)
                .AddNonEmpty("token_url", oauth2.TokenUrl?.Text)
                .AddMap("endpoint_params", oauth2.EndpointParams);
            if (oauth2.TlsConfig is { } oauthTls)
            {
                entry.Add("tls_config", Tls(oauthTls).Node);
            }
            Proxy(entry, oauth2.Proxy);
            map.Add("oauth2", entry.Node);
        }
        Proxy(map, http.Proxy);
        map.Add("follow_redirects", http.FollowRedirects)
            .Add("enable_http2", http.EnableHttp2)
            .Add("tls_config", Tls(http.TlsConfig).Node);
        if (http.HttpHeaders.Count > 0)
        {
            var headers = new YamlMappingNode();
            foreach (var (name, values) in http.HttpHeaders)
            {
                headers.Add(YamlDumpMap.Scalar(name), new YamlDumpMap()
                    .AddList("values", values.Values)
                    .AddList("secrets", values.Secrets.Select(_ => Secret.Mask))
                    .AddList("files", values.Files).Node);
            }
            map.Add("http_headers", headers);
        }
    }

    private static void Proxy(YamlDumpMap map, ProxyConfig proxy)
    {
        map.AddNonEmpty("proxy_url", proxy.ProxyUrl?.Text)
            .AddNonEmpty("no_proxy", proxy.NoProxy)
            .AddTrue("proxy_from_environment", proxy.ProxyFromEnvironment);
        if (proxy.ProxyConnectHeader.Count > 0)
        {
            var headers = new YamlMappingNode();
            foreach (var (name, values) in proxy.ProxyConnectHeader)
            {
                headers.Add(YamlDumpMap.Scalar(name), new YamlSequenceNode(values.Select(_ => (YamlNode)YamlDumpMap.Scalar(Secret.Mask))));
            }
            map.Add("proxy_connect_header", headers);
        }
    }

    private static YamlDumpMap Tls(TlsConfig tls) => new YamlDumpMap()
        .AddSecret("ca", tls.Ca)
        .AddNonEmpty("ca_file", tls.CaFile)
        .AddSecret("cert", tls.Cert)
        .AddNonEmpty("cert_file", tls.CertFile)
        .AddSecret("key", tls.Key)
        .AddNonEmpty("key_file", tls.KeyFile)
        .AddNonEmpty("server_name", tls.ServerName)
        .Add("insecure_skip_verify", tls.InsecureSkipVerify)
        .AddNonEmpty("min_version", tls.MinVersion)
        .AddNonEmpty("max_version", tls.MaxVersion);

    private static YamlNode Relabel(RelabelConfig r)
    {
        var map = new YamlDumpMap()
            .AddList("source_labels", r.SourceLabels, flow: true)
            .Add("separator", r.Separator);
        if (!r.RegexIsDefault || r.Action is not (RelabelAction.KeepEqual or RelabelAction.DropEqual))
        {
            map.Add("regex", r.Regex.Pattern);
        }
        return map.AddNonZero("modulus", r.Modulus)
            .AddNonEmpty("target_label", r.TargetLabel)
            .Add("replacement", r.Replacement)
            .Add("action", RelabelConfig.ActionName(r.Action)).Node;
    }

    private static YamlDumpMap Alerting(AlertingConfig alerting) => new YamlDumpMap()
        .AddList("alert_relabel_configs", alerting.AlertRelabelConfigs.Select(Relabel))
        .AddList("alertmanagers", alerting.Alertmanagers.Select(am =>
        {
            var map = new YamlDumpMap();
            HttpClient(map, am.HttpClient);
            map.Add("scheme", am.Scheme)
                .AddNonEmpty("path_prefix", am.PathPrefix)
                .Add("timeout", am.Timeout)
                .Add("api_version", am.ApiVersion);
            ServiceDiscovery(map, am.ServiceDiscovery);
            map.AddList("relabel_configs", am.RelabelConfigs.Select(Relabel));
            map.AddList("alert_relabel_configs", am.AlertRelabelConfigs.Select(Relabel));
            return (YamlNode)map.Node;
        }));

    private static YamlDumpMap? Storage(PrometheusConfig config)
    {
        var storage = config.Storage;
        var map = new YamlDumpMap();
        if (storage.Tsdb is { } tsdb)
        {
            var t = new YamlDumpMap().AddNonZero("out_of_order_time_window", tsdb.OutOfOrderTimeWindow);
            if (tsdb.Retention is { } retention)
            {
                t.Add("retention", new YamlDumpMap()
                    .AddNonZero("time", retention.Time)
                    .AddNonZero("size", retention.Size)
                    .AddNonZero("percentage", retention.Percentage).Node);
            }
            t.AddNonZero("stale_series_compaction_threshold", tsdb.StaleSeriesCompactionThreshold);
            if (tsdb.FloatChunkEncoding != "xor")
            {
                t.Add("chunk_encoding", new YamlDumpMap().Add("floats", tsdb.FloatChunkEncoding).Node);
            }
            map.Add("tsdb", t.Node);
        }
        map.Add("exemplars", new YamlDumpMap().AddNonZero("max_exemplars", storage.MaxExemplars).Node);
        return map;
    }

    private static YamlDumpMap Tracing(TracingConfig tracing) => new YamlDumpMap()
        .Add("client_type", tracing.ClientType)
        .Add("endpoint", tracing.Endpoint)
        .AddNonZero("sampling_fraction", tracing.SamplingFraction)
        .AddTrue("insecure", tracing.Insecure)
        .Add("tls_config", Tls(tracing.TlsConfig).Node)
        .AddMap("headers", tracing.Headers)
        .AddNonEmpty("compression", tracing.Compression)
        .AddNonZero("timeout", tracing.Timeout);

    private static YamlDumpMap RemoteWrite(RemoteWriteConfig r)
    {
        var q = r.QueueConfig;
        var m = r.MetadataConfig;
        var map = new YamlDumpMap()
            .Add("url", r.Url.Text)
            .Add("remote_timeout", r.RemoteTimeout)
            .AddMap("headers", r.Headers)
            .AddList("write_relabel_configs", r.WriteRelabelConfigs.Select(Relabel))
            .AddNonEmpty("name", r.Name)
            .AddTrue("send_exemplars", r.SendExemplars)
            .AddTrue("send_native_histograms", r.SendNativeHistograms)
            .AddTrue("round_robin_dns", r.RoundRobinDns)
            .Add("protobuf_message", r.ProtobufMessage);
        HttpClient(map, r.HttpClient);
        map.Add("queue_config", new YamlDumpMap()
                .AddNonZero("capacity", (long)q.Capacity)
                .AddNonZero("max_shards", (long)q.MaxShards)
                .AddNonZero("min_shards", (long)q.MinShards)
                .AddNonZero("max_samples_per_send", (long)q.MaxSamplesPerSend)
                .Add("batch_send_deadline", q.BatchSendDeadline)
                .Add("min_backoff", q.MinBackoff)
                .Add("max_backoff", q.MaxBackoff)
                .AddTrue("retry_on_http_429", q.RetryOnRateLimit)
                .AddNonZero("sample_age_limit", q.SampleAgeLimit).Node)
            .Add("metadata_config", new YamlDumpMap()
                .Add("send", m.Send)
                .Add("send_interval", m.SendInterval)
                .AddNonZero("max_samples_per_send", (long)m.MaxSamplesPerSend).Node);
        if (r.SigV4 is { } sigv4)
        {
            map.Add("sigv4", new YamlDumpMap()
                .AddNonEmpty("region", sigv4.Region)
                .AddNonEmpty("access_key", sigv4.AccessKey)
                .AddSecret("secret_key", sigv4.SecretKey)
                .AddNonEmpty("profile", sigv4.Profile)
                .AddNonEmpty("role_arn", sigv4.RoleArn)
                .AddNonEmpty("external_id", sigv4.ExternalId)
                .AddTrue("use_fips_sts_endpoint", sigv4.UseFipsStsEndpoint)
                .AddNonEmpty("service_name", sigv4.ServiceName).Node);
        }
        return map;
    }

    private static YamlDumpMap RemoteRead(RemoteReadConfig r)
    {
        var map = new YamlDumpMap()
            .Add("url", r.Url.Text)
            .Add("remote_timeout", r.RemoteTimeout)
            .AddNonZero("chunked_read_limit", r.ChunkedReadLimit)
            .AddMap("headers", r.Headers)
            .AddTrue("read_recent", r.ReadRecent)
            .AddNonEmpty("name", r.Name);
        HttpClient(map, r.HttpClient);
        return map.AddMap("required_matchers", r.RequiredMatchers)
            .Add("filter_external_labels", r.FilterExternalLabels);
    }

    private static YamlDumpMap Otlp(OtlpConfig o) => new YamlDumpMap()
        .AddTrue("promote_all_resource_attributes", o.PromoteAllResourceAttributes)
        .AddList("promote_resource_attributes", o.PromoteResourceAttributes)
        .AddList("ignore_resource_attributes", o.IgnoreResourceAttributes)
        .Add("translation_strategy", o.TranslationStrategy)
        .AddTrue("keep_identifying_resource_attributes", o.KeepIdentifyingResourceAttributes)
        .AddTrue("convert_histograms_to_nhcb", o.ConvertHistogramsToNhcb)
        .AddTrue("promote_scope_metadata", o.PromoteScopeMetadata)
        .Add("label_name_underscore_sanitization", o.LabelNameUnderscoreSanitization)
        .Add("label_name_preserve_multiple_underscores", o.LabelNamePreserveMultipleUnderscores);
}
