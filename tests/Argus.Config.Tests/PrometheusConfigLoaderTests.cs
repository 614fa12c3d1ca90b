using Argus.Config.Relabeling;
using Argus.Config.Remote;
using Argus.Config.Tests.Conformance;
using Argus.Model.Labels;

namespace Argus.Config.Tests;

public class PrometheusConfigLoaderTests
{
    private static PrometheusConfig Load(string yaml, PrometheusConfigLoadOptions? options = null) =>
        PrometheusConfigLoader.Load(yaml, "prometheus.yml", null, options);

    private static ConfigException Reject(string yaml) =>
        Assert.Throws<ConfigException>(() => Load(yaml));

    [Fact]
    public void An_empty_file_has_prometheus_defaults()
    {
        var config = Load(string.Empty);
        Assert.Equal(TimeSpan.FromMinutes(1), config.Global.ScrapeInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), config.Global.ScrapeTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), config.Global.EvaluationInterval);
        Assert.Equal(TimeSpan.Zero, config.Global.RuleQueryOffset);
        Assert.Equal(NameValidationScheme.Utf8, config.Global.MetricNameValidationScheme);
        Assert.Empty(config.ScrapeConfigs);
        Assert.Equal(100_000, config.Storage.MaxExemplars);
        Assert.Equal(OtlpConfig.UnderscoreEscapingWithSuffixes, config.Otlp.TranslationStrategy);
        Assert.Null(config.Tracing);
    }

    [Fact]
    public void An_empty_global_section_keeps_the_defaults()
    {
        var config = Load("global:\nscrape_configs:\n  - job_name: a\n");
        Assert.Equal(TimeSpan.FromMinutes(1), config.Global.ScrapeInterval);
        Assert.Equal(TimeSpan.FromMinutes(1), config.ScrapeConfigs[0].ScrapeInterval);
    }

    [Fact]
    public void A_job_has_prometheus_defaults_and_inherits_global_settings()
    {
        var config = Load("""
            global:
              scrape_interval: 15s
              sample_limit: 100
              body_size_limit: 1MB
            scrape_configs:
              - job_name: api
                static_configs:
                  - targets: ['a:80']
            """);
        var job = Assert.Single(config.ScrapeConfigs);
        Assert.Equal("api", job.JobName);
        Assert.Equal(TimeSpan.FromSeconds(15), job.ScrapeInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), job.ScrapeTimeout);
        Assert.Equal("/metrics", job.MetricsPath);
        Assert.Equal("http", job.Scheme);
        Assert.True(job.HonorTimestamps);
        Assert.False(job.HonorLabels);
        Assert.True(job.EnableCompression);
        Assert.Equal(100UL, job.SampleLimit);
        Assert.Equal(1L << 20, job.BodySizeLimit.Bytes);
        Assert.Equal(ScrapeProtocols.Default, job.ScrapeProtocols);
        Assert.Equal(MetricNameEscaping.AllowUtf8, job.MetricNameEscapingScheme);
        Assert.True(job.HttpClient.FollowRedirects);
        Assert.True(job.HttpClient.EnableHttp2);
        Assert.Equal("a:80", job.ServiceDiscovery.StaticConfigs[0].Targets[0].Get(LabelNames.Address));
        Assert.Equal("prometheus.yml", job.SourceFile);
    }

    [Fact]
    public void The_default_timeout_never_exceeds_the_interval()
    {
        var config = Load("global:\n  scrape_interval: 5s\nscrape_configs:\n  - job_name: a\n  - job_name: b\n    scrape_interval: 2s\n");
        Assert.Equal(TimeSpan.FromSeconds(5), config.Global.ScrapeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), config.ScrapeConfigs[0].ScrapeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), config.ScrapeConfigs[1].ScrapeTimeout);
    }

    [Fact]
    public void Native_histograms_switch_the_default_protocols_to_protobuf_first()
    {
        var config = Load("scrape_configs:\n  - job_name: a\n    scrape_native_histograms: true\n");
        Assert.Equal(ScrapeProtocols.ProtoFirst, config.ScrapeConfigs[0].ScrapeProtocols);
    }

    [Fact]
    public void A_legacy_job_escapes_names_with_underscores()
    {
        var config = Load("scrape_configs:\n  - job_name: a\n    metric_name_validation_scheme: legacy\n");
        Assert.Equal(NameValidationScheme.Legacy, config.ScrapeConfigs[0].MetricNameValidationScheme);
        Assert.Equal(MetricNameEscaping.Underscores, config.ScrapeConfigs[0].MetricNameEscapingScheme);
    }

    [Fact]
    public void Relabel_rules_are_parsed_with_defaults()
    {
        var config = Load("""
            scrape_configs:
              - job_name: a
                relabel_configs:
                  - source_labels: [__address__]
                    target_label: instance
                  - action: Keep
                    source_labels: [job]
                    regex: a|b
            """);
        var rules = config.ScrapeConfigs[0].RelabelConfigs;
        Assert.Equal(RelabelAction.Replace, rules[0].Action);
        Assert.Equal(";", rules[0].Separator);
        Assert.Equal("(.*)", rules[0].Regex.Pattern);
        Assert.Equal("$1", rules[0].Replacement);
        Assert.Equal(RelabelAction.Keep, rules[1].Action);
    }

    [Fact]
    public void Remote_write_and_read_have_prometheus_defaults()
    {
        var config = Load("remote_write:\n  - url: http://r/push\nremote_read:\n  - url: http://r/read\n");
        var write = Assert.Single(config.RemoteWrite);
        Assert.Equal("http://r/push", write.Url.Text);
        Assert.Equal(TimeSpan.FromSeconds(30), write.RemoteTimeout);
        Assert.Equal(RemoteWriteConfig.WriteV1Message, write.ProtobufMessage);
        Assert.False(write.HttpClient.EnableHttp2);
        Assert.Equal(10000, write.QueueConfig.Capacity);
        Assert.Equal(50, write.QueueConfig.MaxShards);
        Assert.Equal(1, write.QueueConfig.MinShards);
        Assert.Equal(2000, write.QueueConfig.MaxSamplesPerSend);
        Assert.Equal(TimeSpan.FromSeconds(5), write.QueueConfig.BatchSendDeadline);
        Assert.Equal(TimeSpan.FromMilliseconds(30), write.QueueConfig.MinBackoff);
        Assert.Equal(TimeSpan.FromSeconds(5), write.QueueConfig.MaxBackoff);
        Assert.True(write.MetadataConfig.Send);
        var read = Assert.Single(config.RemoteRead);
        Assert.Equal(TimeSpan.FromMinutes(1), read.RemoteTimeout);
        Assert.True(read.FilterExternalLabels);
        Assert.Equal(50_000_000UL, read.ChunkedReadLimit);
    }

    [Fact]
    public void Alertmanagers_have_prometheus_defaults()
    {
        var config = Load("alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['am:9093']\n");
        var am = Assert.Single(config.Alerting.Alertmanagers);
        Assert.Equal("http", am.Scheme);
        Assert.Equal(TimeSpan.FromSeconds(10), am.Timeout);
        Assert.Equal("v2", am.ApiVersion);
        Assert.Equal(string.Empty, am.PathPrefix);
    }

    [Fact]
    public void Discovery_sections_have_their_default_refresh_intervals()
    {
        var config = Load("""
            scrape_configs:
              - job_name: a
                file_sd_configs: [{files: [targets/*.json]}]
                http_sd_configs: [{url: 'http://sd/targets'}]
                dns_sd_configs: [{names: [_prometheus._tcp.example.org]}]
            """);
        var sd = config.ScrapeConfigs[0].ServiceDiscovery;
        Assert.Equal(TimeSpan.FromMinutes(5), sd.FileSdConfigs[0].RefreshInterval);
        Assert.Equal(TimeSpan.FromMinutes(1), sd.HttpSdConfigs[0].RefreshInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), sd.DnsSdConfigs[0].RefreshInterval);
        Assert.Equal("SRV", sd.DnsSdConfigs[0].Type);
    }

    [Fact]
    public void Storage_tracing_and_otlp_sections_are_read()
    {
        var config = Load("""
            storage:
              tsdb:
                out_of_order_time_window: 30m
                retention: {time: 15d, size: 512MB}
              exemplars:
                max_exemplars: 10
            tracing:
              endpoint: localhost:4317
            otlp:
              promote_resource_attributes: [' service.name ']
            runtime:
              gogc: 50
            """);
        Assert.Equal(30 * 60 * 1000L, config.Storage.Tsdb!.OutOfOrderTimeWindowMilliseconds);
        Assert.Equal(TimeSpan.FromDays(15), config.Storage.Tsdb.Retention!.Time);
        Assert.Equal(512L << 20, config.Storage.Tsdb.Retention.Size.Bytes);
        Assert.Equal(10, config.Storage.MaxExemplars);
        Assert.Equal("grpc", config.Tracing!.ClientType);
        Assert.Equal(["service.name"], config.Otlp.PromoteResourceAttributes);
        Assert.Equal(50, config.Runtime.GoGc);
    }

    [Fact]
    public void External_labels_expand_environment_variables_like_prometheus()
    {
        var path = Path.Combine(ConformancePaths.PrometheusConfig, "external_labels.good.yml");
        var unset = PrometheusConfigLoader.LoadFile(path, new PrometheusConfigLoadOptions { GetEnvironment = _ => null });
        Assert.Equal(LabelSet.FromPairs("bar", "foo", "baz", "foobar", "qux", "foo${TEST}", "xyz", "foo$bar"), unset.Global.ExternalLabels);
        var set = PrometheusConfigLoader.LoadFile(path, new PrometheusConfigLoadOptions { GetEnvironment = n => n == "TEST" ? "TestValue" : null });
        Assert.Equal("fooTestValuebar", set.Global.ExternalLabels.Get("baz"));
        Assert.Equal("TestValue", set.Global.ExternalLabels.Get("foo"));
    }

    [Fact]
    public void Scrape_config_files_are_imported_with_paths_relative_to_the_import()
    {
        var combined = PrometheusConfigLoader.LoadFile(Path.Combine(ConformancePaths.PrometheusConfig, "scrape_config_files_combined.good.yml"));
        Assert.Equal(["node", "prometheus", "alertmanager"], combined.ScrapeConfigs.Select(s => s.JobName));
        Assert.EndsWith("scrape_config_files.good.yml", combined.ScrapeConfigs[1].SourceFile, StringComparison.Ordinal);

        var dir = Directory.CreateTempSubdirectory("argus-config-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "jobs"));
            File.WriteAllText(Path.Combine(dir.FullName, "jobs", "a.yml"), "scrape_configs:\n  - job_name: a\n    tls_config: {ca_file: ca.pem}\n");
            File.WriteAllText(Path.Combine(dir.FullName, "prometheus.yml"), "scrape_config_files: ['jobs/*.yml']\n");
            var config = PrometheusConfigLoader.LoadFile(Path.Combine(dir.FullName, "prometheus.yml"));
            Assert.Equal(Path.Combine(dir.FullName, "jobs", "ca.pem"), config.ScrapeConfigs[0].HttpClient.TlsConfig.CaFile);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Rule_files_keep_their_patterns_and_resolve_globs_next_to_the_config()
    {
        var dir = Directory.CreateTempSubdirectory("argus-config-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "rules"));
            File.WriteAllText(Path.Combine(dir.FullName, "rules", "b.rules"), "groups: []\n");
            File.WriteAllText(Path.Combine(dir.FullName, "rules", "a.rules"), "groups: []\n");
            File.WriteAllText(Path.Combine(dir.FullName, "rules", "c.txt"), "x\n");
            File.WriteAllText(Path.Combine(dir.FullName, "prometheus.yml"), "rule_files: ['rules/*.rules', 'missing.rules']\n");
            var config = PrometheusConfigLoader.LoadFile(Path.Combine(dir.FullName, "prometheus.yml"));
            Assert.Equal(["rules/*.rules", "missing.rules"], config.RuleFiles);
            Assert.Equal(
                [Path.Combine(dir.FullName, "rules", "a.rules"), Path.Combine(dir.FullName, "rules", "b.rules")],
                config.ResolveRuleFiles());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Relative_credential_paths_resolve_against_the_config_directory()
    {
        var config = PrometheusConfigLoader.Load("scrape_configs:\n  - job_name: a\n    basic_auth: {username: u, password_file: pw}\n", "p.yml", "/etc/argus");
        Assert.Equal("/etc/argus/pw", config.ScrapeConfigs[0].HttpClient.BasicAuth!.PasswordFile);
    }

    [Fact]
    public void Secrets_never_print()
    {
        var config = Load("scrape_configs:\n  - job_name: a\n    basic_auth: {username: u, password: hunter2}\n");
        var password = config.ScrapeConfigs[0].HttpClient.BasicAuth!.Password!;
        Assert.Equal("<secret>", password.ToString());
        Assert.Equal("hunter2", password.Value);
    }

    [Fact]
    public void Agent_mode_rejects_rule_files()
    {
        var e = Assert.Throws<ConfigException>(() => Load("rule_files: [a.rules]\n", new PrometheusConfigLoadOptions { AgentMode = true }));
        Assert.Contains("field rule_files is not allowed in agent mode", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scrape_configs:\n  - job_name: a\n    scrape_intervall: 1m\n", 3, 5, "field scrape_intervall not found in type config.ScrapeConfig")]
    [InlineData("global:\n  scrape_interval: 1.5m\n", 2, 20, "not a valid duration string")]
    [InlineData("scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - regex: '(a'\n        target_label: x\n", 4, 16, "error parsing regexp")]
    [InlineData("global:\n  metric_name_validation_scheme: legacy\n  external_labels:\n    foo.bar: x\n", 4, 5, "\"foo.bar\" is not a valid label name")]
    [InlineData("global:\n  scrape_interval: 1m\n  scrape_interval: 2m\n", 3, 3, "already defined")]
    [InlineData("scrape_configs:\n  - job_name: k\n    kubernetes_sd_configs:\n      - role: pod\n", 3, 5, "kubernetes_sd_configs is not supported by Argus yet")]
    [InlineData("scrape_configs:\n  - job_name: a\n    basic_auth: {username: u}\n    authorization: {credentials: c}\n", 4, 20, "at most one of basic_auth, oauth2 & authorization must be configured")]
    [InlineData("scrape_configs:\n  - job_name: a\n    scrape_interval: 5s\n    scrape_timeout: 6s\n", 4, 21, "scrape timeout greater than scrape interval")]
    [InlineData("scrape_configs:\n  - job_name: a\n    scheme: ftp\n", 3, 13, "invalid scheme \"ftp\"")]
    [InlineData("scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [a]\n        lables: {}\n", 5, 9, "field lables not found in type targetgroup.Group")]
    [InlineData("scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - action: explode\n", 4, 17, "unknown relabel action \"explode\"")]
    [InlineData("scrape_configs:\n  - job_name: a\n    sample_limit: many\n", 3, 19, "cannot unmarshal !!str `many` into uint")]
    [InlineData("scrape_configs:\n  - job_name: a\n    dns_sd_configs: [{names: [x], type: A}]\n", 3, 22, "a port is required in DNS-SD configs")]
    [InlineData("scrape_configs:\n  - job_name: a\n    file_sd_configs: [{files: [targets.txt]}]\n", 3, 32, "path name \"targets.txt\" is not valid for file discovery")]
    [InlineData("remote_write:\n  - url: http://x\n    queue_config: {capacity: 0}\n", 3, 30, "queue_config.capacity must be greater than 0")]
    public void Errors_name_the_file_line_and_column(string yaml, int line, int column, string message)
    {
        var e = Reject(yaml);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal("prometheus.yml", e.FileName);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.StartsWith($"prometheus.yml:{line}:{column}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_config_exception()
    {
        var e = Assert.Throws<ConfigException>(() => PrometheusConfigLoader.LoadFile("/nonexistent/prometheus.yml"));
        Assert.Equal("/nonexistent/prometheus.yml", e.FileName);
    }

    [Fact]
    public void The_original_text_and_file_are_kept()
    {
        const string Yaml = "global:\n  scrape_interval: 30s\n";
        var config = Load(Yaml);
        Assert.Equal(Yaml, config.OriginalText);
        Assert.Equal("prometheus.yml", config.SourceFile);
    }
}
