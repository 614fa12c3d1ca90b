using Argus.Config.Discovery;
using Xunit.Abstractions;

namespace Argus.Config.Tests.Conformance;

/// <summary>
/// Runs the configuration fixtures of Prometheus' own test suite (sections 1 and 2 of
/// <c>shared/conformance/prometheus-config/README.md</c>): every accepted file must load and every
/// rejected one must fail. Fixtures that need a discovery mechanism Argus does not implement are
/// skipped, each with its reason.
/// </summary>
public class PrometheusConfigConformanceTests
{
    private const double Target = 1.0;

    /// <summary>Fixtures skipped because they exercise service discovery Argus does not implement:
    /// a good fixture using such a kind cannot load, and a bad one is bad for a reason about that kind.</summary>
    private static readonly Dictionary<string, string> Skipped = new(StringComparer.Ordinal)
    {
        ["azure_authentication_method.bad.yml"] = "azure_sd_configs",
        ["azure_bearertoken_basicauth.bad.yml"] = "azure_sd_configs",
        ["azure_client_secret_missing.bad.yml"] = "azure_sd_configs",
        ["azure_subscription_id_missing.bad.yml"] = "azure_sd_configs",
        ["conf.good.yml"] = "consul, kubernetes, ec2, azure and twenty more unimplemented SD kinds",
        ["ec2_filters_empty_values.bad.yml"] = "ec2_sd_configs",
        ["ec2_token_file.bad.yml"] = "ec2_sd_configs",
        ["eureka_no_server.bad.yml"] = "eureka_sd_configs",
        ["hetzner_role.bad.yml"] = "hetzner_sd_configs",
        ["kubernetes_api_server_with_own_namespace.bad.yml"] = "kubernetes_sd_configs",
        ["kubernetes_authorization_basicauth.bad.yml"] = "kubernetes_sd_configs",
        ["kubernetes_bearertoken_basicauth.bad.yml"] = "kubernetes_sd_configs",
        ["kubernetes_empty_apiserver.good.yml"] = "kubernetes_sd_configs",
        ["kubernetes_kubeconfig_with_apiserver.bad.yml"] = "kubernetes_sd_configs",
        ["kubernetes_kubeconfig_with_http_config.bad.yml"] = "kubernetes_sd_configs",
        ["kubernetes_kubeconfig_without_apiserver.good.yml"] = "kubernetes_sd_configs",
        ["kubernetes_namespace_discovery.bad.yml"] = "kubernetes_sd_configs",
        ["kubernetes_selectors_duplicated_role.bad.yml"] = "kubernetes_sd_configs",
        ["kubernetes_selectors_endpoints.bad.yml"] = "kubernetes_sd_configs",
        ["kubernetes_selectors_incorrect_selector.bad.yml"] = "kubernetes_sd_configs",
        ["kubernetes_selectors_ingress.bad.yml"] = "kubernetes_sd_configs",
        ["kubernetes_selectors_node.bad.yml"] = "kubernetes_sd_configs",
        ["kubernetes_selectors_node.good.yml"] = "kubernetes_sd_configs",
        ["kubernetes_selectors_pod.good.yml"] = "kubernetes_sd_configs",
        ["kubernetes_selectors_service.bad.yml"] = "kubernetes_sd_configs",
        ["lightsail_token_file.bad.yml"] = "lightsail_sd_configs",
        ["marathon_authtoken_authorization.bad.yml"] = "marathon_sd_configs",
        ["marathon_authtoken_basicauth.bad.yml"] = "marathon_sd_configs",
        ["marathon_authtoken_bearertoken.bad.yml"] = "marathon_sd_configs",
        ["oci_authentication_method.bad.yml"] = "oci_sd_configs",
        ["openstack_availability.bad.yml"] = "openstack_sd_configs",
        ["outscale_no_region.bad.yml"] = "outscale_sd_configs",
        ["outscale_no_secret.bad.yml"] = "outscale_sd_configs",
        ["ovhcloud_bad_service.bad.yml"] = "ovhcloud_sd_configs",
        ["ovhcloud_no_secret.bad.yml"] = "ovhcloud_sd_configs",
        ["puppetdb_no_query.bad.yml"] = "puppetdb_sd_configs",
        ["puppetdb_no_scheme.bad.yml"] = "puppetdb_sd_configs",
        ["puppetdb_token_file.bad.yml"] = "puppetdb_sd_configs",
        ["roundtrip.good.yml"] = "azure, consul, kubernetes, ec2 and other unimplemented SD kinds",
        ["scaleway_no_secret.bad.yml"] = "scaleway_sd_configs",
        ["scaleway_two_secrets.bad.yml"] = "scaleway_sd_configs",
        ["stackit_endpoint.bad.yml"] = "stackit_sd_configs",
        ["uyuni_token_file.bad.yml"] = "uyuni_sd_configs",
        ["scrape_config_files_glob.good.yml"] = "its import scrape_configs/scrape_config_files2.good.yml uses vultr_sd_configs",
        ["promtool/prometheus-aws-sd-empty-region.good.yml"] = "ec2, ecs, elasticache, lightsail, msk and rds SD kinds",
    };

    private readonly ITestOutputHelper _output;

    public PrometheusConfigConformanceTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Every_fixture_is_accepted_or_rejected_as_upstream_does()
    {
        var root = ConformancePaths.PrometheusConfig;
        var cases = ReadManifest(Path.Combine(root, "MANIFEST.tsv"), expectColumn: 1)
            .Concat(ReadManifest(Path.Combine(root, "promtool-check-config.tsv"), expectColumn: 1))
            .ToList();
        Assert.True(cases.Count > 100, $"only {cases.Count} cases found in {root}");
        int passed = 0, failed = 0, skipped = 0;
        var failures = new List<string>();
        foreach (var (file, expect) in cases)
        {
            if (expect == "support")
            {
                continue;
            }
            if (Skipped.TryGetValue(file, out var reason))
            {
                _output.WriteLine($"skip {file}: {reason}");
                skipped++;
                continue;
            }
            var outcome = Run(Path.Combine(root, file), expect, out var rejection);
            if (rejection is not null)
            {
                _output.WriteLine($"rejected {file}: {rejection}");
            }
            if (outcome is null)
            {
                passed++;
            }
            else
            {
                failed++;
                failures.Add($"{file} [{expect}]: {outcome}");
            }
        }
        foreach (var failure in failures)
        {
            _output.WriteLine("FAIL " + failure);
        }
        var summary = $"prometheus-config: {passed} passed, {failed} failed, {skipped} skipped";
        _output.WriteLine(summary);
        if (Environment.GetEnvironmentVariable("ARGUS_CONFORMANCE_SUMMARY") is { Length: > 0 } summaryFile)
        {
            File.AppendAllText(summaryFile, summary + Environment.NewLine);
        }
        Assert.True(passed >= Target * (passed + failed), summary + Environment.NewLine + string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [InlineData("jobname.bad.yml", "job_name is empty")]
    [InlineData("jobname_dup.bad.yml", "found multiple scrape configs with job name \"prometheus\"")]
    [InlineData("scrape_interval.bad.yml", "scrape timeout greater than scrape interval")]
    [InlineData("regex.bad.yml", "error parsing regexp")]
    [InlineData("labelkeep.bad.yml", "labelkeep action requires only 'regex', and no other fields")]
    [InlineData("labeldrop5.bad.yml", "labeldrop action requires only 'regex', and no other fields")]
    [InlineData("target_label_hashmod_missing.bad.yml", "relabel configuration for hashmod action requires 'target_label' value")]
    [InlineData("unknown_global_attr.bad.yml", "field nonexistent_field not found in type config.GlobalConfig")]
    [InlineData("unknown_attr.bad.yml", "field consult_sd_configs not found in type config.ScrapeConfig")]
    [InlineData("url_in_targetgroup.bad.yml", "\"http://bad\" is not a valid hostname")]
    [InlineData("remote_write_dup.bad.yml", "found multiple remote write configs with job name \"queue1\"")]
    [InlineData("rules.bad.yml", "invalid rule file path \"my/*/rule\"")]
    [InlineData("kubernetes_selectors_node.bad.yml", "kubernetes_sd_configs is not supported by Argus yet")]
    [InlineData("scrape_config_files_double_import.bad.yml", "found multiple scrape configs with job name \"prometheus\"")]
    [InlineData("config_with_deprecated_am_api_config.yml", "expected Alertmanager api version to be one of [v2] but got v1")]
    [InlineData("remote_write_authorization_header.bad.yml", "authorization header must be changed via the basic_auth")]
    public void Bad_fixtures_fail_for_the_right_reason(string file, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => PrometheusConfigLoader.LoadFile(Path.Combine(ConformancePaths.PrometheusConfig, file)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.FileName);
    }

    /// <summary>Null when the fixture behaved as expected, else what went wrong.</summary>
    private static string? Run(string path, string expect, out string? rejection)
    {
        string? message = null;
        var result = Run(path, expect, m => message = m);
        rejection = message;
        return result;
    }

    private static string? Run(string path, string expect, Action<string> rejected)
    {
        var agent = expect.Contains("agent mode", StringComparison.Ordinal);
        var shouldAccept = expect.StartsWith("accept", StringComparison.Ordinal);
        if (expect.Contains("(SD file)", StringComparison.Ordinal) || IsSingleGroup(path))
        {
            return Expect(shouldAccept, rejected, () =>
            {
                var text = File.ReadAllText(path);
                if (IsSingleGroup(path))
                {
                    TargetGroupParser.ParseGroup(text, path);
                }
                else
                {
                    TargetGroupParser.ParseFile(text, path);
                }
            });
        }
        if (expect.StartsWith("reject (check)", StringComparison.Ordinal))
        {
            return Expect(false, rejected, () => PrometheusConfigChecker.Check(PrometheusConfigLoader.LoadFile(path)));
        }
        var options = new PrometheusConfigLoadOptions { AgentMode = agent };
        var loadResult = Expect(shouldAccept, rejected, () => PrometheusConfigLoader.LoadFile(path, options));
        if (loadResult is not null || !expect.Contains("reject (check)", StringComparison.Ordinal))
        {
            return loadResult;
        }
        return Expect(false, rejected, () => PrometheusConfigChecker.Check(PrometheusConfigLoader.LoadFile(path)));
    }

    /// <summary>static_config.bad.yml is one target group, not a whole configuration.</summary>
    private static bool IsSingleGroup(string path) => Path.GetFileName(path) == "static_config.bad.yml";

    private static string? Expect(bool accept, Action<string> rejected, Action action)
    {
        try
        {
            action();
            return accept ? null : "was accepted";
        }
        catch (ConfigException e)
        {
            rejected(e.Message);
            return accept ? "was rejected: " + e.Message : null;
        }
    }

    private static IEnumerable<(string File, string Expect)> ReadManifest(string path, int expectColumn)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("file\t", StringComparison.Ordinal))
            {
                continue;
            }
            var columns = line.Split('\t');
            yield return (columns[0], columns[expectColumn]);
        }
    }
}
